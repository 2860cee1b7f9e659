// Live word count for a textarea with data-word-limit; the server checks the same limit.
// Words are counted like registry.core.text.count_words: runs of letters and digits,
// joined by "-" or an apostrophe.
(() => {
  const WORD = /[\p{L}\p{M}\p{N}_]+(?:[-'’][\p{L}\p{M}\p{N}_]+)*/gu;
  const countWords = (text) => (text.match(WORD) || []).length;

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("textarea[data-word-limit]").forEach((field) => {
      const output = document.querySelector(`[data-word-counter-for="${field.id}"]`);
      if (!output) return;
      const limit = Number(field.dataset.wordLimit);
      const update = () => {
        const count = countWords(field.value);
        const over = count > limit;
        const template = over ? output.dataset.overText : output.dataset.text;
        output.textContent = template.replace("__COUNT__", count).replace("__LIMIT__", limit);
        output.classList.toggle("over", over);
        field.setAttribute("aria-invalid", over ? "true" : "false");
      };
      field.setAttribute("aria-describedby", `${field.getAttribute("aria-describedby") || ""} ${output.id}`.trim());
      field.addEventListener("input", update);
      update();
    });
  });
})();

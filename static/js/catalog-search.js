// Catalog search (/inovasi/): a changed facet or sort order applies at once.
// Without JavaScript the "Terapkan" and "Cari" buttons do the same.
//
// Keyboard (WCAG 2.1.1 and 3.2.2): the arrow keys only move through the sort list or a
// group of radio buttons, since applying every step would reload the page under the
// user's fingers; Enter (or "Terapkan") applies the choice. A checkbox applies with Space
// as with a click. After the reload the focus returns to the control that was changed.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-autosubmit]");
  if (!form) return;
  const FOCUS_KEY = "catalog-search-focus";
  const movesWithArrows = (field) => field.tagName === "SELECT" || field.type === "radio";
  let changedByKeyboard = false;

  const submit = (field) => {
    // A new choice starts again from the first page.
    form.querySelectorAll("input[name=page]").forEach((input) => input.remove());
    const value = field.type === "checkbox" || field.type === "radio" ? field.value : null;
    try {
      sessionStorage.setItem(FOCUS_KEY, JSON.stringify({ name: field.name, value }));
    } catch (error) { /* storage refused: the focus simply starts at the top */ }
    form.submit();
  };

  form.addEventListener("keydown", (event) => {
    const field = event.target;
    if (!movesWithArrows(field)) return;
    if (event.key === "Enter") {
      event.preventDefault();
      submit(field);
    } else if (event.key !== "Tab") {
      changedByKeyboard = true;
    }
  });
  form.addEventListener("pointerdown", () => { changedByKeyboard = false; });
  form.addEventListener("change", (event) => {
    const field = event.target;
    if (field.name === "q") return; // words are submitted with Enter or the button
    if (movesWithArrows(field) && changedByKeyboard) return;
    submit(field);
  });

  let saved = null;
  try {
    saved = JSON.parse(sessionStorage.getItem(FOCUS_KEY));
    sessionStorage.removeItem(FOCUS_KEY);
  } catch (error) { saved = null; }
  if (saved && saved.name) {
    const selector = `[name="${CSS.escape(saved.name)}"]` + (saved.value === null ? "" : `[value="${CSS.escape(saved.value)}"]`);
    const field = form.querySelector(selector);
    if (field) {
      const facet = field.closest("details");
      if (facet) facet.open = true;
      field.focus();
    }
  }
});

// Catalog search (/inovasi/): a changed facet or sort order applies at once.
// Without JavaScript the "Terapkan" and "Cari" buttons do the same.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-autosubmit]");
  if (!form) return;
  form.addEventListener("change", (event) => {
    const field = event.target;
    if (field.name === "q") return; // words are submitted with Enter or the button
    // A new choice starts again from the first page.
    form.querySelectorAll("input[name=page]").forEach((input) => input.remove());
    form.submit();
  });
});

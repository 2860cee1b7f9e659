// The outcome-indicator rows: add, remove and reorder with buttons. The Django formset
// underneath keeps working without JavaScript (order numbers and "hapus" checkboxes).
(() => {
  document.addEventListener("DOMContentLoaded", () => {
    const list = document.querySelector("[data-indicator-list]");
    const template = document.getElementById("indicator-empty-row");
    const total = document.getElementById("id_indicators-TOTAL_FORMS");
    const addButton = document.querySelector("[data-indicator-add]");
    if (!list || !template || !total || !addButton) return;

    const liveRows = () => Array.from(list.querySelectorAll("[data-indicator-row]")).filter((row) => !row.hidden);
    const form = list.closest("form");
    const changed = () => form && form.dispatchEvent(new Event("change", { bubbles: true }));

    // Order numbers follow the rows on screen; a blank row gets none, so the server ignores it.
    const renumber = () => {
      liveRows().forEach((row, index) => {
        const order = row.querySelector("[data-order-field] input");
        const name = row.querySelector("input[name$='-name']");
        if (order) order.value = name && name.value.trim() ? index + 1 : "";
        const number = row.querySelector("[data-indicator-number]");
        if (number) number.textContent = index + 1;
      });
    };

    const enhance = (row) => {
      row.querySelectorAll("[data-order-field], [data-delete-field]").forEach((el) => el.classList.add("js-hidden"));
      row.querySelectorAll("button[hidden]").forEach((button) => { button.hidden = false; });
      row.querySelector("[data-indicator-remove]").addEventListener("click", () => {
        const remove = row.querySelector("[data-delete-field] input");
        if (remove) remove.checked = true;
        row.hidden = true;
        renumber();
        changed();
        addButton.focus();
      });
      row.querySelector("[data-indicator-up]").addEventListener("click", (event) => {
        const rows = liveRows();
        const index = rows.indexOf(row);
        if (index > 0) { list.insertBefore(row, rows[index - 1]); renumber(); changed(); event.currentTarget.focus(); }
      });
      row.querySelector("[data-indicator-down]").addEventListener("click", (event) => {
        const rows = liveRows();
        const index = rows.indexOf(row);
        if (index < rows.length - 1) { list.insertBefore(rows[index + 1], row); renumber(); changed(); event.currentTarget.focus(); }
      });
      const name = row.querySelector("input[name$='-name']");
      if (name) name.addEventListener("input", renumber);
    };

    list.querySelectorAll("[data-indicator-row]").forEach(enhance);
    document.querySelectorAll(".no-js-only").forEach((el) => { el.hidden = true; });
    addButton.hidden = false;
    addButton.addEventListener("click", () => {
      const index = Number(total.value);
      const holder = document.createElement("div");
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
      const row = holder.firstElementChild;
      list.appendChild(row);
      total.value = String(index + 1);
      enhance(row);
      renumber();
      const name = row.querySelector("input[name$='-name']");
      if (name) name.focus();
    });
    renumber();
  });
})();

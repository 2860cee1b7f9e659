// Region fields of the innovation form: kab/kota narrowed to the chosen province, and a new
// innovation's region following the chosen agency. Without JavaScript every kab/kota is
// listed and the server checks that it lies in the province.
(() => {
  document.addEventListener("DOMContentLoaded", () => {
    const province = document.getElementById("id_province");
    const regency = document.getElementById("id_regency");
    if (!province || !regency) return;

    const narrowRegencies = () => {
      const code = province.value;
      Array.from(regency.options).forEach((option) => {
        const outside = Boolean(option.value) && Boolean(code) && option.dataset.province !== code;
        option.hidden = outside;
        option.disabled = outside;
      });
      const selected = regency.selectedOptions[0];
      if (selected && selected.disabled) regency.value = "";
    };

    province.addEventListener("change", narrowRegencies);
    regency.addEventListener("change", () => {
      const selected = regency.selectedOptions[0];
      if (selected && selected.dataset.province && province.value !== selected.dataset.province) {
        province.value = selected.dataset.province;
        narrowRegencies();
      }
    });

    const agency = document.querySelector("select[data-region-source]");
    if (agency) {
      agency.addEventListener("change", () => {
        const chosen = agency.selectedOptions[0];
        if (!chosen) return;
        province.value = chosen.dataset.province || "";
        narrowRegencies();
        regency.value = chosen.dataset.regency || "";
      });
    }
    narrowRegencies();
  });
})();

// Scoring page: show the judge's weighted total (0–100) while they type.
// The server computes the total that counts; this is only a preview.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector(".score-form");
  const box = form && form.querySelector("[data-live-total]");
  if (!box) return;
  const output = box.querySelector("[data-live-total-value]");
  const inputs = Array.from(form.querySelectorAll("input[data-weight]"));
  const update = () => {
    let weighted = 0;
    let weights = 0;
    let complete = true;
    inputs.forEach((input) => {
      const weight = parseFloat(input.dataset.weight);
      if (!(weight > 0)) return;
      weights += weight;
      const value = parseFloat(input.value);
      const min = parseFloat(input.dataset.min);
      const max = parseFloat(input.dataset.max);
      if (Number.isNaN(value) || value < min || value > max) { complete = false; return; }
      weighted += (weight * (value - min)) / (max - min);
    });
    output.textContent = complete && weights > 0 ? ((weighted / weights) * 100).toFixed(2) : "—";
  };
  inputs.forEach((input) => input.addEventListener("input", update));
  box.hidden = false;
  update();
});

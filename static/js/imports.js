// Import progress: polls the job's status URL and reloads the page when the job has finished.
(function () {
  "use strict";
  var box = document.querySelector("[data-import-progress]");
  if (!box) return;
  var url = box.getAttribute("data-status-url");
  var bar = box.querySelector("progress");
  var percent = box.querySelector("[data-import-percent]");
  var status = document.querySelector("[data-import-status]");
  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (bar) { bar.max = data.total || 1; bar.value = data.done; }
        if (percent) percent.textContent = data.percent + "%";
        if (status) status.textContent = data.status_label;
        if (data.running) { window.setTimeout(poll, 1500); } else { window.location.reload(); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1500);
})();

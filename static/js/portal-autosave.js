// Autosave of the innovation form: every ~20 s when something changed, and when the page is
// left, the form is posted to its autosave URL, which saves a draft revision (overwriting the
// user's own latest autosave). The normal "Simpan draf" button works without JavaScript.
(() => {
  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("innovation-form");
    const status = document.getElementById("autosave-status");
    if (!form || !status || !form.dataset.autosaveUrl) return;
    const interval = Number(form.dataset.autosaveInterval) || 20000;
    let dirty = false;
    let submitting = false;
    let saving = null;

    const show = (text, errors) => {
      status.textContent = "";
      status.classList.toggle("autosave-error", Boolean(errors));
      const line = document.createElement("span");
      line.textContent = text;
      status.appendChild(line);
      if (errors && errors.length) {
        const list = document.createElement("ul");
        errors.forEach((error) => {
          const item = document.createElement("li");
          item.textContent = error;
          list.appendChild(item);
        });
        status.appendChild(list);
      }
    };

    const post = (options = {}) =>
      fetch(form.dataset.autosaveUrl, {
        method: "POST",
        body: new FormData(form), // only this form's fields: uploads belong to their own forms
        credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest" },
        ...options,
      });

    // A keepalive request outlives the page, for saves made while the user leaves it.
    const save = (keepalive = false) => {
      if (saving) return saving;
      if (!dirty || submitting) return Promise.resolve(true);
      dirty = false;
      saving = post(keepalive ? { keepalive: true } : {})
        .then(async (response) => {
          const result = await response.json().catch(() => ({ saved: false, errors: [] }));
          if (!result.saved) {
            dirty = true;
            show(status.dataset.errorHeading, result.errors && result.errors.length ? result.errors : [status.dataset.failed]);
            return false;
          }
          show(result.message);
          if (result.autosave_url !== form.dataset.autosaveUrl) {
            // The first autosave of a new innovation created it: keep working on that draft.
            form.dataset.autosaveUrl = result.autosave_url;
            form.action = result.edit_url;
            delete form.dataset.autosaveCreates;
            window.history.replaceState(null, "", result.edit_url);
          }
          return true;
        })
        .catch(() => {
          dirty = true;
          show(status.dataset.failed, []);
          return false;
        })
        .finally(() => { saving = null; });
      return saving;
    };

    form.addEventListener("input", () => { dirty = true; });
    form.addEventListener("change", () => { dirty = true; });
    form.addEventListener("submit", (event) => {
      if (saving) {
        // Let a running autosave finish first: arriving after the normal save, it would
        // overwrite that newer revision with older content.
        event.preventDefault();
        const submitter = event.submitter;
        saving.finally(() => form.requestSubmit(submitter || undefined));
        return;
      }
      submitting = true;
    });
    window.setInterval(() => save(), interval);

    const saveOnLeave = () => {
      if (submitting || !dirty) return;
      if (!saving) {
        save(true);
      } else if (!form.dataset.autosaveCreates) {
        // Changed again while a save was under way: send the newest content too (it
        // overwrites the same draft revision). Never for a new innovation, which it would create twice.
        dirty = false;
        post({ keepalive: true }).catch(() => {});
      }
    };
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") saveOnLeave();
    });
    window.addEventListener("pagehide", saveOnLeave);

    // Uploading or removing a file reloads the page: save the form first so nothing is lost.
    document.querySelectorAll("form[data-flush-autosave]").forEach((other) => {
      other.addEventListener("submit", (event) => {
        if (!dirty && !saving) return;
        event.preventDefault();
        const submitter = event.submitter;
        save().then((saved) => {
          if (saved) other.requestSubmit(submitter || undefined);
        });
      });
    });
  });
})();

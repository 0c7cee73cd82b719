// Saves an assignment's draft a few seconds after the trainee stops typing. Without JavaScript the
// "Save the draft" button does the same; the server answers this script in JSON (X-Autosave: 1).
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) return;
  var text = form.querySelector("textarea");
  var status = form.querySelector("[data-autosave-status]");
  if (!text) return;
  var timer = null;
  function save() {
    var data = new FormData(form);
    data.set("action", "save");
    fetch(form.action, { method: "POST", body: data, headers: { "X-Autosave": "1" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (answer) { if (status && answer.message) status.textContent = answer.message; })
      .catch(function () {});
  }
  text.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 3000);
  });
})();

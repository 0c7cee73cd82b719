/* Tounesna Academy: small enhancements of server-rendered pages. Loaded as a static file (the
   Content-Security-Policy forbids inline scripts); every page works without it. */
(function () {
  "use strict";

  // Irreversible actions: a submit button with data-confirm asks first; "Cancel" sends nothing.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = button && button.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  // A form sent back with errors: the error summary gets the focus, so it is read first.
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  // Long forms: "N of M questions answered", kept up to date while answering.
  function isAnswered(question) {
    var fields = question.querySelectorAll("input, select, textarea");
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      if (field.type === "radio" || field.type === "checkbox") {
        if (field.checked) return true;
      } else if (field.type !== "hidden" && field.value.trim() !== "") {
        return true;
      }
    }
    return false;
  }

  function trackAnswers(tracker) {
    var form = document.getElementById(tracker.getAttribute("data-answer-progress"));
    if (!form) return;
    var questions = form.querySelectorAll("[data-question]");
    var meter = tracker.querySelector("progress");
    var text = tracker.querySelector("[data-template]");
    function update() {
      var done = 0;
      for (var i = 0; i < questions.length; i++) {
        if (isAnswered(questions[i])) done += 1;
      }
      meter.max = questions.length;
      meter.value = done;
      text.textContent = text
        .getAttribute("data-template")
        .replace("{done}", String(done))
        .replace("{total}", String(questions.length));
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
    tracker.hidden = false;
  }

  function start() {
    focusErrorSummary();
    var trackers = document.querySelectorAll("[data-answer-progress]");
    for (var i = 0; i < trackers.length; i++) {
      trackAnswers(trackers[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

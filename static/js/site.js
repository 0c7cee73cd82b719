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

  // A lesson's course outline: open beside the lesson on a wide screen, closed under it on a
  // phone (the reader opens it with its summary, by keyboard or touch).
  function fitOutlines() {
    var outlines = document.querySelectorAll("[data-outline]");
    if (!outlines.length || !window.matchMedia) return;
    var wide = window.matchMedia("(min-width: 992px)");
    function apply() {
      for (var i = 0; i < outlines.length; i++) {
        outlines[i].open = wide.matches;
      }
    }
    apply();
    if (wide.addEventListener) wide.addEventListener("change", apply);
  }

  // Switching language keeps the reader's place: the link carries the address's fragment, and on
  // a long text ([data-keep-place]) the other language opens at the furthest block read (the
  // switch is in the header: the reader scrolls back up to reach it). The same block when both
  // texts have as many blocks, else the same share of the text.
  var PLACE_KEY = "tounesna-place";

  function blockAtTop(blocks) {
    for (var i = 0; i < blocks.length; i++) {
      if (blocks[i].getBoundingClientRect().bottom > 0) return i;
    }
    return blocks.length - 1;
  }

  function keepPlaceOnSwitch() {
    var text = document.querySelector("[data-keep-place]");
    var furthest = 0;
    if (text) {
      var pending = false;
      window.addEventListener("scroll", function () {
        if (pending) return;
        pending = true;
        window.requestAnimationFrame(function () {
          pending = false;
          furthest = Math.max(furthest, blockAtTop(text.children));
        });
      }, { passive: true });
    }
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a.language-switch");
      if (!link) return;
      if (window.location.hash) {
        link.hash = window.location.hash;
        return;
      }
      if (!text || !window.sessionStorage || furthest === 0) return;
      var place = { path: link.pathname, block: furthest, blocks: text.children.length };
      window.sessionStorage.setItem(PLACE_KEY, JSON.stringify(place));
    });
  }

  function restorePlace() {
    if (!window.sessionStorage || window.location.hash) return;
    var saved = window.sessionStorage.getItem(PLACE_KEY);
    if (!saved) return;
    window.sessionStorage.removeItem(PLACE_KEY);
    var place = JSON.parse(saved);
    var text = document.querySelector("[data-keep-place]");
    if (!text || place.path !== window.location.pathname) return;
    var blocks = text.children;
    var index = blocks.length === place.blocks ? place.block : Math.round((place.block * blocks.length) / place.blocks);
    var target = blocks[Math.min(index, blocks.length - 1)];
    if (target) target.scrollIntoView({ block: "start" });
  }

  function start() {
    focusErrorSummary();
    fitOutlines();
    keepPlaceOnSwitch();
    restorePlace();
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

/* Translated fields in the Wagtail editor (pages and snippets).
 * 1. Each field named `<name>_<language>` gets its language's `lang` and `dir` on its whole field
 *    (labels say the language; inputs carry them from the server, rich text and StreamFields here),
 *    so French stays left to right in the Arabic admin and Arabic right to left in the French one.
 * 2. "Languages shown" toggles hide one language's fields, and only those: a panel holding other
 *    fields (choices, workshops, questionnaire items, the "Advanced" group) always stays, unlike the
 *    wagtail-modeltranslation picker, which hid a whole inline panel in the Arabic-only view.
 * Settings come from the JSON written by home/wagtail_hooks.py (languages, their names, the heading). */
(function () {
  "use strict";
  const config = document.getElementById("admin-languages-config");
  if (!config) return;
  const { languages, heading } = JSON.parse(config.textContent);
  const hidden = new Set();
  const suffix = new RegExp("_(" + languages.map((language) => language.code).join("|") + ")$");

  function languageOf(element) {
    const match = suffix.exec(element.dataset.contentpath || "");
    return match ? languages.find((language) => language.code === match[1]) : null;
  }

  function apply(root) {
    root.querySelectorAll("[data-contentpath]").forEach((field) => {
      const language = languageOf(field);
      if (!language) return;
      const latin = field.querySelector("input[data-controller~='w-slug']");
      field.setAttribute("lang", language.code);
      field.setAttribute("dir", latin ? "ltr" : language.dir);
      // The field's own box: an inline item's field wrapper, or the panel of a top-level field.
      const box = field.closest(".w-panel__wrapper, section.w-panel");
      if (box) box.hidden = hidden.has(language.code);
    });
  }

  function buildBar(form) {
    const bar = document.createElement("div");
    bar.className = "field-languages";
    bar.setAttribute("role", "group");
    const label = document.createElement("span");
    label.className = "field-languages__heading";
    label.id = "field-languages-heading";
    label.textContent = heading;
    bar.setAttribute("aria-labelledby", label.id);
    bar.append(label);
    languages.forEach((language) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "field-languages__toggle";
      button.lang = language.code;
      button.textContent = language.name;
      button.setAttribute("aria-pressed", "true");
      button.addEventListener("click", () => {
        const shown = hidden.has(language.code);
        if (shown) hidden.delete(language.code);
        else hidden.add(language.code);
        button.setAttribute("aria-pressed", String(shown));
        apply(form);
      });
      bar.append(button);
    });
    // Above the fields, aligned with them: at the top of the tabs' content, or of the form.
    const tabs = form.querySelector(".tab-content");
    if (tabs) tabs.prepend(bar);
    else form.firstElementChild.after(bar);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.querySelector("form[data-edit-form]");
    if (!form) return;
    const translated = [...form.querySelectorAll("[data-contentpath]")].some(languageOf);
    if (!translated) return;
    apply(form);
    buildBar(form);
    // Inline items added later (a new choice, a new workshop) follow the same rules.
    new MutationObserver(() => apply(form)).observe(form, { childList: true, subtree: true });
  });
})();

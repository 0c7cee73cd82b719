"""Each translated field says its language: a label such as "Titre (français)" / "العنوان (بالعربية)",
and `lang` and `dir` attributes on its input, so that French is typed left to right in the Arabic
admin and Arabic right to left in the French one.

wagtail-modeltranslation builds one field per language (`title_fr`, `title_ar`); its labels would read
"Titre [fr]". The label comes from modeltranslation's MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME
setting (evaluated lazily, in the reader's language); the attributes from `install()`, which wraps
`TranslationField.formfield` once (upgrade checklist: tests/courses/test_admin_field_languages.py
compares the wrapped result with the library's own).
"""

from django.utils.translation import get_language_info, gettext, pgettext, pgettext_lazy

# The language named after a field's label, keyed by the language's English name (Django's LANG_INFO).
# A language of settings.LANGUAGES missing here is named by its own name.
_FIELD_LANGUAGE = {
    "French": pgettext_lazy("language named after a field's label", "French"),
    "Arabic": pgettext_lazy("language named after a field's label", "Arabic"),
}


def field_language_name(*, language: str) -> str:
    info = get_language_info(language)
    return str(_FIELD_LANGUAGE.get(info["name"], info["name_local"]))


def field_language_label(verbose_name, language: str) -> str:
    """The label of a field in one language: "titre (français)" (Wagtail capitalises it)."""
    return gettext("%(label)s (%(language)s)") % {
        "label": verbose_name,
        "language": field_language_name(language=language),
    }


def field_list(labels) -> str:
    """Labels separated as the reader's language writes a list ("، " in Arabic)."""
    return pgettext("separator of a list", ", ").join(str(label) for label in labels)


def language_attrs(*, language: str, latin: bool = False) -> dict[str, str]:
    """`latin`: a field kept in Latin letters whatever its language (slugs)."""
    right_to_left = get_language_info(language)["bidi"] and not latin
    return {"lang": language, "dir": "rtl" if right_to_left else "ltr"}


def install() -> None:
    """Every form field of a translated model field carries its language's `lang` and `dir`."""
    from django.db.models import SlugField
    from modeltranslation.fields import TranslationField

    if getattr(TranslationField.formfield, "marks_language", False):
        return
    library_formfield = TranslationField.formfield

    def formfield(self, *args, **kwargs):
        field = library_formfield(self, *args, **kwargs)
        if field is not None:
            latin = isinstance(self.translated_field, SlugField)
            for name, value in language_attrs(language=self.language, latin=latin).items():
                field.widget.attrs.setdefault(name, value)
        return field

    formfield.marks_language = True
    formfield.library_formfield = library_formfield
    TranslationField.formfield = formfield

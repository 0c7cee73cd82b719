"""Which translated fields of a page or snippet are still empty in French or Arabic."""

from dataclasses import dataclass

from django.conf import settings
from modeltranslation.translator import NotRegistered, translator

# Page fields that are translated but need not be filled in both languages.
OPTIONAL_FIELDS = {"seo_title", "search_description", "url_path", "slug"}


@dataclass(frozen=True)
class MissingTranslation:
    field: str
    label: str
    language: str


def translated_fields(model) -> list[str]:
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return []
    return [name for name in options.all_fields if name not in OPTIONAL_FIELDS]


def _is_empty(value) -> bool:
    if value is None:
        return True
    if hasattr(value, "raw_data"):  # StreamValue
        return len(value.raw_data) == 0
    return str(value).strip() in {"", "<p></p>"}


def missing_translations(instance) -> list[MissingTranslation]:
    """Translated fields filled in one language and empty in another, or empty in French."""
    missing = []
    model = type(instance)
    for name in translated_fields(model):
        values = {code: getattr(instance, f"{name}_{code}", None) for code, _ in settings.LANGUAGES}
        if all(_is_empty(value) for value in values.values()):
            continue  # an optional field left empty in every language
        label = str(model._meta.get_field(name).verbose_name)
        missing.extend(
            MissingTranslation(field=name, label=label, language=code)
            for code, value in values.items()
            if _is_empty(value)
        )
    return missing

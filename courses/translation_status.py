"""Which translated fields of a page or snippet, and of its inline items (choices, workshops,
questionnaire items...), are still empty in French or Arabic."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext
from modelcluster.models import get_all_child_relations
from modeltranslation.translator import NotRegistered, translator

# Page fields that are translated but need not be filled in both languages.
OPTIONAL_FIELDS = {"seo_title", "search_description", "url_path", "slug"}


@dataclass(frozen=True)
class MissingTranslation:
    field: str
    label: str
    language: str


@dataclass(frozen=True)
class TranslationStatus:
    """`missing`: a language lacks what another has, or a required field. `empty`: optional fields
    written in no language. Complete only when both are empty."""

    missing: list[MissingTranslation]
    empty: list[str]

    @property
    def complete(self) -> bool:
        return not self.missing and not self.empty


def translated_fields(model) -> list[str]:
    """The model's translated fields, in the order of the model's fields."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return []
    names = set(options.all_fields) - OPTIONAL_FIELDS
    return [field.name for field in model._meta.get_fields() if field.name in names]


def translated_child_relations(model) -> list[str]:
    """Accessors of the inline items (ParentalKey children) that have translated fields."""
    return [
        relation.get_accessor_name()
        for relation in get_all_child_relations(model)
        if translated_fields(relation.related_model)
    ]


def _is_empty(value) -> bool:
    """None, an empty stream, or text (rich text included: `<p data-block-key="x"></p>`, what the
    editor saves for an empty field) with neither words nor an embedded image or media."""
    if value is None:
        return True
    if hasattr(value, "raw_data"):  # StreamValue
        return len(value.raw_data) == 0
    text = str(value)
    return not strip_tags(text).strip() and "<embed" not in text


def _own_status(instance, *, field_prefix: str = "", label_prefix: str = "") -> TranslationStatus:
    missing, empty = [], []
    model = type(instance)
    languages = [code for code, _name in settings.LANGUAGES]
    for name in translated_fields(model):
        model_field = model._meta.get_field(name)
        label = f"{label_prefix}{capfirst(model_field.verbose_name)}"
        values = {code: getattr(instance, f"{name}_{code}", None) for code in languages}
        if all(_is_empty(value) for value in values.values()) and model_field.blank:
            empty.append(label)
            continue
        missing.extend(
            MissingTranslation(field=f"{field_prefix}{name}", label=label, language=code)
            for code, value in values.items()
            if _is_empty(value)
        )
    return TranslationStatus(missing=missing, empty=empty)


def translation_status(instance) -> TranslationStatus:
    """The instance's own translated fields, then each inline item's ("Choice 2: Text")."""
    status = _own_status(instance)
    missing, empty = list(status.missing), list(status.empty)
    for accessor in translated_child_relations(type(instance)):
        for number, item in enumerate(getattr(instance, accessor).all(), start=1):
            item_name = capfirst(type(item)._meta.verbose_name)
            item_status = _own_status(
                item,
                field_prefix=f"{accessor}-{number}-",
                label_prefix=gettext("%(item)s %(number)d: ") % {"item": item_name, "number": number},
            )
            missing.extend(item_status.missing)
            empty.extend(item_status.empty)
    return TranslationStatus(missing=missing, empty=empty)


def missing_translations(instance) -> list[MissingTranslation]:
    """Fields (own or of inline items) empty in a language while another language has them, or
    required and empty."""
    return translation_status(instance).missing

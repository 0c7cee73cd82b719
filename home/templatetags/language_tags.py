"""Text in its own language and direction inside a page of the other one.

A translated field left empty in Arabic is shown in French (modeltranslation's fallback): that
French text is marked `lang="fr" dir="ltr"`, so that screen readers pronounce it in French and the
browser lays it out left to right inside the right-to-left page (and the reverse in French).

    {% load language_tags %}
    <h1>{% translated page "title" %}</h1>                 text, or <span lang dir>text</span>
    {% translated page "introduction" %}                   rich text, or <div lang dir>…</div>
    <div class="prose"{% fallback_attrs page "body" %}>    for a StreamField or a custom layout
    {{ user.get_full_name|bdi }}                           user-typed or Latin text in a sentence

Figures and codes read left to right even in an Arabic sentence: a percentage, a signed number, a
fraction "n / total" or a code is isolated left to right as a whole, so that the right-to-left
page keeps its sign, its "%" and its order ("70 %", "−0,33", "19 / 27", not "% 70", "0,33-",
"27 / 19"). French pages show the same text; only the markup around it differs.

    {{ rate|percent }}  {{ score|percent:0 }}              <bdi dir="ltr">70 %</bdi>
    {{ gain|signed:2 }}                                    <bdi dir="ltr">−0,33</bdi> (a real minus)
    {% ratio done total %}                                 <bdi dir="ltr">19 / 27</bdi>
    {{ certificate.code|ltr }}                             <bdi dir="ltr">ABCD-EFGH</bdi>
    {{ user.get_full_name|bdi_text }}                      plain text (e-mails): FSI … PDI marks
"""

import functools
from typing import Any

from django import template
from django.conf import settings
from django.template.defaultfilters import floatformat
from django.utils import formats, translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from modeltranslation.utils import build_localized_fieldname, fallbacks_enabled, resolution_order
from wagtail.fields import RichTextField
from wagtail.templatetags.wagtailcore_tags import richtext

from ..languages import isolated

register = template.Library()

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


@functools.cache
def _resolution_order(language: str, fallbacks: bool) -> tuple[str, ...]:
    return tuple(resolution_order(language)) if fallbacks else (language,)


def _shown(obj, field: str) -> tuple[Any, str | None]:
    """The field's value as modeltranslation shows it, and its language when that is a fallback.

    Reads the languages' own attributes, in the order modeltranslation falls back, rather than
    the translated field's descriptor, which would work the order out again: a lesson's outline
    asks this of fifty titles."""
    current = translation.get_language()
    if obj is None:
        return "", None
    if current in LANGUAGE_CODES:
        for language in _resolution_order(current, fallbacks_enabled()):
            value = getattr(obj, build_localized_fieldname(field, language), None)
            if value:
                return value, None if language == current else language
    return getattr(obj, field, ""), None


def shown_language(obj, field: str) -> str | None:
    """The language `obj.<field>` is shown in, when it is not the current one (a fallback)."""
    return _shown(obj, field)[1]


def language_attrs(language: str) -> SafeString:
    direction = "rtl" if translation.get_language_info(language)["bidi"] else "ltr"
    return format_html(' lang="{}" dir="{}"', language, direction)


@register.simple_tag
def fallback_attrs(obj, field: str) -> str:
    """` lang=".." dir=".."` when the field is shown in a fallback language, else nothing."""
    language = shown_language(obj, field)
    return language_attrs(language) if language else ""


def _is_rich_text(obj, field: str) -> bool:
    try:
        return isinstance(obj._meta.get_field(field), RichTextField)
    except (AttributeError, LookupError):
        return False


@register.simple_tag
def translated(obj, field: str) -> str:
    """The field's value; marked with its language when it is a fallback. Rich text is rendered."""
    value, language = _shown(obj, field)
    rich = _is_rich_text(obj, field)
    html = richtext(value or "") if rich else conditional_escape(value or "")
    if not language:
        return mark_safe(html)  # escaped above, or rendered by Wagtail's rich text
    tag = "div" if rich else "span"
    return format_html("<{tag}{attrs}>{html}</{tag}>", tag=tag, attrs=language_attrs(language), html=html)


@register.filter
def bdi(value) -> str:
    """Isolates user-typed or Latin text (names, codes, e-mails) in the surrounding direction."""
    if value is None or value == "":
        return ""
    return format_html("<bdi>{}</bdi>", value)


EMPTY_FIGURE = "—"
MINUS = "\u2212"


def _ltr(text: str) -> SafeString:
    return format_html('<bdi dir="ltr">{}</bdi>', text)


def _number(value, decimals) -> str:
    """The number as the page shows it: `floatformat` when told how many decimals, else localised."""
    if decimals is None:
        return str(formats.localize(value, use_l10n=True))
    return floatformat(value, decimals)


@register.filter
def ltr(value) -> str:
    """A code, a reference or a number that reads left to right, isolated as a whole."""
    if value is None or value == "":
        return ""
    return _ltr(value)


@register.filter
def percent(value, decimals=None) -> str:
    """A percentage with its sign, "70 %", isolated left to right ("% 70" otherwise in Arabic)."""
    if value is None or value == "":
        return EMPTY_FIGURE
    return _ltr(f"{_number(value, decimals)} %")


@register.filter
def signed(value, decimals=None) -> str:
    """A number that may be negative, with a real minus sign kept before it ("0,33-" otherwise)."""
    if value is None or value == "":
        return EMPTY_FIGURE
    number = _number(value, decimals)
    if number.startswith("-"):
        number = MINUS + number[1:]
    return _ltr(number)


@register.simple_tag
def ratio(part, whole) -> str:
    """ "19 / 27" (a part of a whole: pages, steps, workshops), in that order in both directions."""
    return _ltr(f"{formats.localize(part, use_l10n=True)} / {formats.localize(whole, use_l10n=True)}")


@register.filter
def bdi_text(value) -> str:
    """Plain text's <bdi> (e-mails, text exports): the value between Unicode isolate marks."""
    if value is None or value == "":
        return ""
    return isolated(str(value))


@register.filter
def dir_of(value) -> str:
    """`dir` for a paragraph of typed text: its first strong character's direction (`auto` if none)."""
    from home.languages import text_direction

    return text_direction(str(value or ""))

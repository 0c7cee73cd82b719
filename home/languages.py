"""The site's languages as data: every list of languages, every direction and every translated
column name comes from `settings.LANGUAGES`, Django's language information and modeltranslation.
Adding a language is a settings change (see the README, "Adding a language")."""

from django.conf import settings
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import get_language_info, pgettext_lazy
from modeltranslation.utils import build_localized_fieldname


def language_codes() -> list[str]:
    """The site's languages, the default first."""
    codes = [code for code, _name in settings.LANGUAGES]
    return sorted(codes, key=lambda code: code != settings.LANGUAGE_CODE)


def default_language() -> str:
    return settings.LANGUAGE_CODE


def current_language() -> str:
    """The active language, or the default one outside a request."""
    active = translation.get_language()
    return active if active in language_codes() else default_language()


def is_right_to_left(code: str) -> bool:
    return bool(get_language_info(code)["bidi"])


def direction(code: str) -> str:
    return "rtl" if is_right_to_left(code) else "ltr"


def text_attributes(code: str) -> dict[str, str]:
    """`lang` and `dir` for an element holding text in `code`."""
    return {"lang": code, "dir": direction(code)}


def localized(field: str, code: str) -> str:
    """The column of `field` in language `code` (modeltranslation's naming): `title_ar`."""
    return build_localized_fieldname(field, code)


# The names of languages as a field label gives them, "Lieu (français)", "المكان (بالعربية)"; a
# language without its entry here is named as Django names it.
IN_A_LABEL = {
    "French": pgettext_lazy("language of a field", "French"),
    "Arabic": pgettext_lazy("language of a field", "Arabic"),
    "English": pgettext_lazy("language of a field", "English"),
}


def _label_in(label, code: str) -> str:
    name = get_language_info(code)["name"]
    language = IN_A_LABEL.get(name) or get_language_info(code)["name_translated"]
    return f"{label} ({language})"


label_in = lazy(_label_in, str)
label_in.__doc__ = '`label` followed by the language `code` in brackets, lazily: "Lieu (français)".'


def language_choices() -> list[tuple[str, str]]:
    return [(code, name) for code, name in settings.LANGUAGES]


def text_direction(text: str) -> str:
    """The direction of typed text from its first strong character, as `dir="auto"` decides it in a
    browser: stated on the server because WeasyPrint's PDFs do not resolve `auto`."""
    import unicodedata

    for character in text or "":
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "auto"


# Unicode's FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: what <bdi> is to HTML, for plain text.
FSI, PDI = "\u2068", "\u2069"


def isolated(text: str) -> str:
    """Plain text (a name, a code with its figure) isolated from the direction around it."""
    return f"{FSI}{text}{PDI}" if text else ""

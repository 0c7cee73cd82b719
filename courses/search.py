"""Search: each course page carries its text folded per language (home.text.fold), indexed by
Wagtail's search backend, so that a query folded the same way finds "réinsertion" from
"reinsertion" and Arabic words with or without diacritics."""

from django.utils.html import strip_tags
from wagtail.search import index

from home.text import fold

from .reading import _texts

LANGUAGES = ("fr", "ar")


def folded_text(page, language: str, field_names: tuple[str, ...]) -> str:
    parts = []
    for name in field_names:
        value = getattr(page, f"{name}_{language}", None)
        if value is None:
            continue
        if hasattr(value, "raw_data"):
            parts.extend(_texts(list(value.raw_data)))
        else:
            parts.append(str(value))
    return fold(strip_tags(" ".join(parts)))


class FoldedSearchMixin:
    """Indexes the page's text folded in both languages; `search_text_in` tells a language apart."""

    folded_fields: tuple[str, ...] = ("title",)

    def search_text_in(self, language: str) -> str:
        return folded_text(self, language, self.folded_fields)

    def search_text(self) -> str:
        return " ".join(self.search_text_in(language) for language in LANGUAGES)


# One indexed field (the SQLite backend cannot restrict a search to a method's field); results
# are then kept only when every word is in the text of the visitor's language.
FOLDED_SEARCH_FIELDS = [index.SearchField("search_text")]

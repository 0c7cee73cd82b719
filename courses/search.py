"""Search: each course page carries its text folded per language (home.text.fold), indexed by
Wagtail's search backend, so that a query folded the same way finds "réinsertion" from
"reinsertion" and Arabic words with or without diacritics."""

from wagtail.search import index

from home.languages import language_codes
from home.text import fold

from .page_text import field_text

LANGUAGES = tuple(language_codes())


def folded_text(page, language: str, field_names: tuple[str, ...]) -> str:
    return fold(" ".join(field_text(page, name, language) for name in field_names))


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

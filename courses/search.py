"""Site search over course pages: which pages a query finds, in the visitor's language, best first.

Each course, module and lesson keeps its words per language in `SearchText` (written whenever the
page is saved with its content, so on publish), folded by `home.text.search_words`: the query is
folded the same way, so accents, Arabic spelling variants and the article never matter. A query
word finds a page when the page has that word, a word beginning with it (three letters or more)
or a close spelling of it (a typo: four letters or more), taken from the words met so far
(`SearchWord`).

PostgreSQL does the work in production: trigram similarity (pg_trgm, with a trigram index) picks
the candidate spellings, full-text search (`@@` on a `simple` tsvector) finds the pages. SQLite
(development, the SQLite test pass) gets the same answers with a bounded list of words of
similar length and `LIKE` on the spaced words. The ranking is done here, the same on both: title
matches first, then exact words before beginnings and typos, then the number of occurrences.

Wagtail's own index (`FOLDED_SEARCH_FIELDS`) still serves the admin's page search.
"""

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from difflib import SequenceMatcher, get_close_matches
from functools import cached_property, reduce
from operator import and_, or_

from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from wagtail.search import index

from home.languages import language_codes
from home.text import fold, search_words

from .models.search import SearchText, SearchWord
from .page_text import field_text

PREFIX_LENGTH = 3  # a query word this long also finds the words it begins
TYPO_LENGTH = 4  # a query word this long also finds its close spellings
CLOSE_RATIO = 0.8  # difflib ratio: one letter wrong in five, or two in ten
LONGEST_WORD = 100
MAX_CANDIDATE_WORDS = 5000
MAX_SPELLINGS = 10  # the closest spellings kept for a query word
MAX_CANDIDATE_PAGES = 300


def languages() -> list[str]:
    return language_codes()


def folded_text(page, language: str, field_names: tuple[str, ...]) -> str:
    return fold(" ".join(field_text(page, name, language) for name in field_names))


class FoldedSearchMixin:
    """A page found by site search (`SearchText`) and, folded in every language, by Wagtail's
    index; `folded_fields` are the fields searched, title first."""

    folded_fields: tuple[str, ...] = ("title",)

    def search_text_in(self, language: str) -> str:
        return folded_text(self, language, self.folded_fields)

    def search_text(self) -> str:
        return " ".join(self.search_text_in(language) for language in languages())


# One indexed field for Wagtail's backend (the admin's search).
FOLDED_SEARCH_FIELDS = [index.SearchField("search_text")]


# Indexing ---------------------------------------------------------------------------------------


def _spaced(words: list[str]) -> str:
    return f" {' '.join(words)} "


def index_page_text(*, page: FoldedSearchMixin) -> None:
    """Write `page`'s search words in every language, and add its words to the known words."""
    texts, known = [], set()
    for language in languages():
        title = search_words(field_text(page, "title", language))
        words = search_words(" ".join(field_text(page, name, language) for name in page.folded_fields))
        texts.append(
            SearchText(page_id=page.pk, language=language, title=_spaced(title), text=_spaced(words))
        )
        known.update((language, word) for word in words if len(word) <= LONGEST_WORD)
    with transaction.atomic():
        SearchText.objects.filter(page_id=page.pk).delete()
        SearchText.objects.bulk_create(texts)
        SearchWord.objects.bulk_create(
            [SearchWord(language=language, word=word, length=len(word)) for language, word in sorted(known)],
            ignore_conflicts=True,
        )


def _content_columns(model) -> set[str]:
    return {f"{name}_{language}" for name in model.folded_fields for language in languages()} | set(
        model.folded_fields
    )


def keep_search_text(sender, instance, raw: bool = False, update_fields=None, **kwargs) -> None:
    """post_save of a searchable page: index what is now stored. A save of some fields only (a
    draft's revision, an unpublish) leaves the content as it was unless a searched field is among
    them; then the stored page is read again, never the in-memory one, which may hold a draft."""
    if raw:
        return
    if update_fields is None:
        index_page_text(page=instance)
    elif set(update_fields) & _content_columns(sender):
        index_page_text(page=sender._default_manager.get(pk=instance.pk))


def reindex_pages_using(sender, instance, **kwargs) -> None:
    """post_save / post_delete of a snippet that lessons show by reference (a funding-register
    entry): the live pages using it are indexed again, since what they show of it may have changed
    (an entry no longer verified leaves their searchable words)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(instance)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    for page in Page.objects.filter(pk__in=[int(pk) for pk in ids]).live().specific():
        if isinstance(page, FoldedSearchMixin):
            index_page_text(page=page)


def searchable_models() -> list[type]:
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, FoldedSearchMixin)]


# Searching --------------------------------------------------------------------------------------


def is_close(term: str, word: str) -> bool:
    """Whether `word` is a close spelling of the query word `term` (a typo away)."""
    return len(term) >= TYPO_LENGTH and SequenceMatcher(None, term, word).ratio() >= CLOSE_RATIO


@dataclass(frozen=True)
class QueryWords:
    """A query's folded words, each with the close spellings met in the indexed pages."""

    terms: tuple[str, ...]
    spellings: dict[str, frozenset[str]]

    def quality(self, term: str, words: Collection[str]) -> int:
        """How well `words` answer `term`: 3 the word itself, 2 a word it begins, 1 a close
        spelling, 0 not at all."""
        if term in words:
            return 3
        if len(term) >= PREFIX_LENGTH and any(word.startswith(term) for word in words):
            return 2
        return 1 if any(spelling in words for spelling in self.spellings[term]) else 0

    @cached_property
    def _answers(self) -> tuple[frozenset[str], tuple[str, ...]]:
        whole = frozenset(self.terms).union(*self.spellings.values())
        return whole, tuple(term for term in self.terms if len(term) >= PREFIX_LENGTH)

    def matches(self, word: str) -> bool:
        """Whether the search word `word` answers one of the query words (as `quality` > 0)."""
        whole, beginnings = self._answers
        return word in whole or word.startswith(beginnings)


def _is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def close_spellings(*, terms: tuple[str, ...], language: str) -> dict[str, frozenset[str]]:
    """The known words a typo away from each query word, in one query: PostgreSQL's trigram index
    picks candidates similar to one of the words, SQLite reads words of similar length; both keep
    those `is_close` accepts."""
    typed = [term for term in terms if len(term) >= TYPO_LENGTH]
    if not typed:
        return {term: frozenset() for term in terms}
    words = SearchWord.objects.filter(language=language)
    if _is_postgresql():
        from django.contrib.postgres.lookups import TrigramSimilar

        # The lookup as an expression: the `trigram_similar` name needs django.contrib.postgres
        # installed, which SQLite setups need not have.
        words = words.filter(reduce(or_, [TrigramSimilar(F("word"), Value(term)) for term in typed]))
    else:
        lengths = [len(term) for term in typed]
        words = words.filter(length__range=(min(lengths) - 2, max(lengths) + 2))
    candidates = list(words.order_by("word").values_list("word", flat=True)[:MAX_CANDIDATE_WORDS])
    return {
        term: frozenset(
            word
            for word in get_close_matches(term, candidates, n=MAX_SPELLINGS, cutoff=CLOSE_RATIO)
            if word != term and is_close(term, word)
        )
        for term in terms
    }


def _tsquery(words: QueryWords) -> str:
    def lexeme(word: str, prefix: bool = False) -> str:
        return "'" + word.replace("'", "''") + "'" + (":*" if prefix else "")

    groups = [
        " | ".join(
            [
                lexeme(term, prefix=len(term) >= PREFIX_LENGTH),
                *(lexeme(w) for w in sorted(words.spellings[term])),
            ]
        )
        for term in words.terms
    ]
    return " & ".join(f"({group})" for group in groups)


def _like_filter(words: QueryWords, column: str) -> Q:
    def term_filter(term: str) -> Q:
        found = Q(**{f"{column}__contains": f" {term} "})
        if len(term) >= PREFIX_LENGTH:
            found |= Q(**{f"{column}__contains": f" {term}"})
        for spelling in words.spellings[term]:
            found |= Q(**{f"{column}__contains": f" {spelling} "})
        return found

    return reduce(and_, [term_filter(term) for term in words.terms])


def _candidates(words: QueryWords, language: str):
    texts = SearchText.objects.filter(language=language, page__live=True)
    if _is_postgresql():
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        query = SearchQuery(_tsquery(words), search_type="raw", config="simple")
        texts = texts.annotate(
            document=SearchVector("text", config="simple"),
            heading=SearchVector("title", config="simple"),
        ).filter(document=query)
        in_title = Q(heading=query)
        order = [SearchRank("document", query).desc()]
    else:
        texts = texts.filter(_like_filter(words, "text"))
        in_title = _like_filter(words, "title")
        order = []
    title_first = Case(When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField())
    return texts.annotate(title_first=title_first).order_by("-title_first", *order, "page_id")


def _rank(words: QueryWords, title: str, text: str) -> tuple[int, ...]:
    in_title = [words.quality(term, set(title.split())) for term in words.terms]
    counts = Counter(text.split())
    in_text = [words.quality(term, counts.keys()) for term in words.terms]
    occurrences = sum(count for word, count in counts.items() if words.matches(word))
    return (-sum(1 for q in in_title if q), -sum(in_title), -sum(in_text), -occurrences)


def matching_page_ids(*, query: str, language: str) -> tuple[list[int], QueryWords]:
    """The live pages whose text in `language` answers every word of `query`, best first (title
    matches first), at most MAX_CANDIDATE_PAGES; and the query's words, to highlight excerpts.
    Two queries whatever the number of pages."""
    terms = tuple(dict.fromkeys(search_words(query)))
    words = QueryWords(terms, close_spellings(terms=terms, language=language))
    if not terms:
        return [], words
    rows = _candidates(words, language).values_list("page_id", "title", "text")[:MAX_CANDIDATE_PAGES]
    ranked = sorted(rows, key=lambda row: (*_rank(words, row[1], row[2]), row[0]))
    return [page_id for page_id, _title, _text in ranked], words


def index_all_pages() -> int:
    """Rebuild the site search's words from every searchable page (after the migration that
    creates them, or to drop words no page uses any more); returns the number of pages."""
    SearchWord.objects.all().delete()
    count = 0
    for model in searchable_models():
        for page in model.objects.all().iterator():
            index_page_text(page=page)
            count += 1
    return count

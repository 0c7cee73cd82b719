"""Searching courses, modules and lessons in the visitor's language, showing only what they may open."""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from courses.access import enrolled_courses, shown_pages
from courses.models import CoursePage, LessonPage
from courses.page_text import field_text
from courses.search import QueryWords, matching_page_ids
from home.roles import Role, has_role
from home.templatetags.language_tags import bdi
from home.text import search_words

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12
MAX_RESULTS = 30
EXCERPT_WORDS = 30
EXCERPT_SCAN_WORDS = 500


@dataclass(frozen=True)
class SearchHit:
    page: Page
    course: CoursePage | None
    excerpt: SafeString


@dataclass(frozen=True)
class SearchOutcome:
    query: str
    hits: list[SearchHit]
    message: str = ""


def plain_text(page: Page) -> str:
    """The page's summary, introduction and body as a reader sees them: text, not HTML, so that
    the excerpt escapes it once."""
    parts = [field_text(page, name) for name in ("summary", "introduction", "body") if hasattr(page, name)]
    return " ".join(part for part in parts if part)


ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
SENTENCE_PUNCTUATION = re.compile(r"[.,;:!?،؛]+$")


def _reads_left_to_right(word: str) -> bool:
    return not ARABIC_LETTER.search(word) and any(char.isalnum() for char in word)


def _isolated_latin_runs(shown: list[tuple[str, str]]) -> list[str]:
    """In a right-to-left excerpt, each run of Latin words and figures ("COM(2021) 120") in one
    <bdi>, laid out as written instead of scrambled by the neutral characters around it. `shown`
    pairs each word with its escaped HTML."""
    pieces, run = [], []
    for word, html in [*shown, ("", "")]:
        if word and _reads_left_to_right(word):
            run.append((word, html))
            continue
        if run:
            # The sentence's full stop or comma stays outside, read in the paragraph's direction.
            last_word, last_html = run[-1]
            end = SENTENCE_PUNCTUATION.search(last_word)
            trailing = ""
            if end and last_html == escape(last_word):
                run[-1], trailing = (last_word, escape(last_word[: end.start()])), end.group()
            pieces.append(bdi(mark_safe(" ".join(h for _w, h in run))) + trailing)  # escaped words
            run = []
        if word:
            pieces.append(html)
    return pieces


def excerpt(text: str, words: QueryWords, *, right_to_left: bool = False) -> SafeString:
    """About thirty words around the first match, matched words in <mark>, the rest escaped, Latin
    runs isolated in a right-to-left language."""
    shown_words = text.split()
    known: dict[str, bool] = {}

    def matched(word: str) -> bool:
        if word not in known:
            known[word] = any(words.matches(part) for part in search_words(word))
        return known[word]

    scanned = enumerate(shown_words[:EXCERPT_SCAN_WORDS])  # a match in the title only: the beginning
    first = next((i for i, word in scanned if matched(word)), 0)
    start = max(0, first - EXCERPT_WORDS // 3)
    shown = [
        (word, f"<mark>{escape(word)}</mark>" if matched(word) else escape(word))
        for word in shown_words[start : start + EXCERPT_WORDS]
    ]
    pieces = _isolated_latin_runs(shown) if right_to_left else [html for _word, html in shown]
    prefix = "… " if start else ""
    suffix = " …" if start + EXCERPT_WORDS < len(shown_words) else ""
    return mark_safe(prefix + " ".join(pieces) + suffix)  # every word was escaped above


def _readable_course_paths(user, courses: list[CoursePage]) -> set[str]:
    if has_role(user, Role.TRAINER, Role.TASK_FORCE):
        return {course.path for course in courses}
    return {course.path for course in enrolled_courses(user)}


def search_pages(*, query: str, request, language: str) -> SearchOutcome:
    """What `request`'s visitor may see of the pages matching `query` (best first, title matches
    first): pages under an unpublished page or behind a view restriction they have not passed
    never show; lessons only to those who may open their course."""
    user = request.user
    query = (query or "").strip()
    if not query:
        return SearchOutcome(query, [], str(_("Type one or more words to search the courses.")))
    if len(query) > MAX_QUERY_LENGTH or len(search_words(query)) > MAX_QUERY_WORDS:
        message = _("Your search is too long: use at most %(words)s words and %(characters)s characters.")
        return SearchOutcome(
            query[:MAX_QUERY_LENGTH],
            [],
            str(message % {"words": MAX_QUERY_WORDS, "characters": MAX_QUERY_LENGTH}),
        )
    if not search_words(query):
        return SearchOutcome(query, [], str(_("Your search contains no word we can look for.")))
    page_ids, words = matching_page_ids(query=query, language=language)
    by_id = Page.objects.filter(pk__in=page_ids).specific().in_bulk()
    ranked = shown_pages(pages=[by_id[pk] for pk in page_ids if pk in by_id], request=request)
    courses = list(CoursePage.objects.live())
    readable = _readable_course_paths(user, courses)
    right_to_left = get_language_info(language)["bidi"]
    hits = []
    for page in ranked:
        course = next((c for c in courses if page.path.startswith(c.path)), None)
        if isinstance(page, LessonPage) and (course is None or course.path not in readable):
            continue
        hits.append(SearchHit(page, course, excerpt(plain_text(page), words, right_to_left=right_to_left)))
        if len(hits) == MAX_RESULTS:
            break
    if not hits:
        return SearchOutcome(query, [], str(_("No result for this search. Try other words, or fewer.")))
    return SearchOutcome(query, hits)

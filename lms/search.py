"""Searching courses, modules and lessons in the visitor's language, showing only what they may open."""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from courses.access import enrolled_courses, shown_pages
from courses.models import CoursePage, LessonPage
from courses.page_text import field_text
from courses.search import QueryWords, matching_page_ids
from home.roles import Role, has_role
from home.text import search_words

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12
MAX_RESULTS = 30
EXCERPT_WORDS = 30


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


def excerpt(text: str, words: QueryWords) -> SafeString:
    """About thirty words around the first match, matched words in <mark>, the rest escaped."""
    shown_words = text.split()
    known: dict[str, bool] = {}

    def matched(word: str) -> bool:
        if word not in known:
            known[word] = any(words.matches(part) for part in search_words(word))
        return known[word]

    first = next((i for i, word in enumerate(shown_words) if matched(word)), 0)
    start = max(0, first - EXCERPT_WORDS // 3)
    shown = [
        f"<mark>{escape(word)}</mark>" if matched(word) else escape(word)
        for word in shown_words[start : start + EXCERPT_WORDS]
    ]
    prefix = "… " if start else ""
    suffix = " …" if start + EXCERPT_WORDS < len(shown_words) else ""
    return mark_safe(prefix + " ".join(shown) + suffix)  # every word was escaped above


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
    hits = []
    for page in ranked:
        course = next((c for c in courses if page.path.startswith(c.path)), None)
        if isinstance(page, LessonPage) and (course is None or course.path not in readable):
            continue
        hits.append(SearchHit(page, course, excerpt(plain_text(page), words)))
        if len(hits) == MAX_RESULTS:
            break
    if not hits:
        return SearchOutcome(query, [], str(_("No result for this search. Try other words, or fewer.")))
    return SearchOutcome(query, hits)

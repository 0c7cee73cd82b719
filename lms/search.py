"""Searching courses, modules and lessons in the visitor's language, showing only what they may open."""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from courses.access import enrolled_courses, shown_pages
from courses.models import CoursePage, LessonPage, ModulePage
from courses.page_text import field_text
from home.roles import Role, has_role
from home.text import fold

MAX_QUERY_LENGTH = 200
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


def excerpt(text: str, terms: list[str]) -> SafeString:
    """About thirty words around the first match, matched words in <mark>, the rest escaped."""
    words = text.split()
    folded = [fold(word) for word in words]
    first = next((i for i, word in enumerate(folded) if any(t in word for t in terms)), 0)
    start = max(0, first - EXCERPT_WORDS // 3)
    shown = []
    for word, folded_word in zip(
        words[start : start + EXCERPT_WORDS], folded[start : start + EXCERPT_WORDS], strict=True
    ):
        shown.append(f"<mark>{escape(word)}</mark>" if any(t in folded_word for t in terms) else escape(word))
    prefix = "… " if start else ""
    suffix = " …" if start + EXCERPT_WORDS < len(words) else ""
    return mark_safe(prefix + " ".join(shown) + suffix)  # every word was escaped above


def _readable_course_paths(user, courses: list[CoursePage]) -> set[str]:
    if has_role(user, Role.TRAINER, Role.TASK_FORCE):
        return {course.path for course in courses}
    return {course.path for course in enrolled_courses(user)}


def search_pages(*, query: str, request, language: str) -> SearchOutcome:
    """What `request`'s visitor may see of the pages matching `query`: pages under an unpublished
    page or behind a view restriction they have not passed never show; lessons only to those who
    may open their course."""
    user = request.user
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    terms = fold(query).split()
    if not query:
        return SearchOutcome(query, [], str(_("Type one or more words to search the courses.")))
    if not terms:
        return SearchOutcome(query, [], str(_("Your search contains no word we can look for.")))
    scored = []
    for model in (CoursePage, ModulePage, LessonPage):
        results = model.objects.live().search(" ".join(terms), operator="and")
        scored.extend(results.annotate_score("_score")[:100])
    ranked = shown_pages(
        pages=sorted(scored, key=lambda page: (-(page._score or 0), page.path)), request=request
    )
    courses = list(CoursePage.objects.live())
    readable = _readable_course_paths(user, courses)
    hits = []
    for page in ranked:
        in_language = page.search_text_in(language).split()
        if not all(term in in_language for term in terms):
            continue
        course = next((c for c in courses if page.path.startswith(c.path)), None)
        if isinstance(page, LessonPage) and (course is None or course.path not in readable):
            continue
        hits.append(SearchHit(page, course, excerpt(plain_text(page), terms)))
        if len(hits) == MAX_RESULTS:
            break
    if not hits:
        return SearchOutcome(query, [], str(_("No result for this search. Try other words, or fewer.")))
    return SearchOutcome(query, hits)

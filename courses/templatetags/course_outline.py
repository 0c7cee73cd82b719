"""The course outline beside a lesson, rendered in Python.

A course has some fifty steps. Under every lesson the outline shows only the current module's
steps; every other module is one line: its title as a link to where the trainee would carry on in
it, and how many of its steps are done. A template loop over every step cost about 4 ms and
tripled the lesson's markup; this costs well under 1 ms.
"""

import functools

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from home.templatetags.language_tags import percent, translated
from home.templatetags.site_tags import links_written_from, relative_url

from ..progress import COMPLETED, IN_PROGRESS, NOT_STARTED, CourseProgress, ModuleProgress, resume_target

register = template.Library()

SYMBOLS = {COMPLETED: "✓", IN_PROGRESS: "◐", NOT_STARTED: "○"}
CURRENT = mark_safe(' aria-current="step"')

# The status is a symbol named for screen readers (role="img" with its label in words). Spacing and
# colours come from the stylesheet (.outline-modules in static/css/site.css), not from utility
# classes repeated on each of the outline's items.
STEP_ITEM = '<li{}><span role="img" aria-label="{}">{}</span> <a href="{}">{}</a></li>'
CURRENT_MODULE = '<li class="outline-current"><h2>{}</h2><ul class="outline-steps">{}</ul></li>'
OTHER_MODULE = '<li><a href="{}">{}</a> <span>{}</span></li>'


def status_words() -> dict[str, str]:
    return _status_words(get_language())


@functools.cache
def _status_words(language: str) -> dict[str, str]:
    return {
        COMPLETED: gettext("Completed"),
        IN_PROGRESS: gettext("In progress"),
        NOT_STARTED: gettext("Not started"),
    }


def _steps(module: ModuleProgress, current_page, words: dict[str, str], here: str) -> SafeString:
    return format_html_join(
        "",
        STEP_ITEM,
        (
            (
                CURRENT if step.page.pk == current_page.pk else "",
                words[step.status],
                SYMBOLS[step.status],
                relative_url(step.url, from_path=here),
                translated(step.page, "title"),
            )
            for step in module.steps
        ),
    )


def _module_line(module: ModuleProgress, here: str) -> SafeString:
    """One line for a module other than the current one: where the trainee would carry on in it
    (else its first step), and its steps done."""
    target = resume_target(module.steps) or module.steps[0]
    counts = {"done": module.completed, "total": module.total}
    done = gettext("%(done)s of %(total)s steps completed") % counts
    link = relative_url(target.url, from_path=here)
    return format_html(OTHER_MODULE, link, translated(module.module, "title"), done)


@register.simple_tag(takes_context=True)
def course_outline(context, progress: CourseProgress, current_page) -> SafeString:
    """The course's modules as list items: the one holding `current_page` with its steps (status
    in words for screen readers and as a symbol, the title as a link, the current step marked),
    every other one as a single line. Links are written from the page shown (`relative_url`)."""
    words = status_words()
    here = links_written_from(context.get("request"))
    items = []
    for module in progress.modules:
        if not module.steps:
            continue
        if any(step.page.pk == current_page.pk for step in module.steps):
            steps = _steps(module, current_page, words, here)
            items.append(format_html(CURRENT_MODULE, translated(module.module, "title"), steps))
        else:
            items.append(_module_line(module, here))
    return mark_safe("".join(items))


STATUS_BADGES = {
    COMPLETED: ("text-bg-success", "✓"),
    IN_PROGRESS: ("text-bg-warning", "◐"),
    NOT_STARTED: ("text-bg-light border", "○"),
}
BADGE = '<span class="badge {} step-status"><span aria-hidden="true">{}</span> {}{}</span>'
NEW_BADGE = '<span class="badge text-bg-info text-wrap step-new"><span aria-hidden="true">★</span> {}</span>'


COURSE_STEP = (
    '<li class="list-group-item d-flex justify-content-between align-items-start gap-2">'
    '<span class="ms-2 me-auto">{}</span>{}</li>'
)
STEP_LINK = '<a href="{}">{}</a>'


@register.simple_tag
def course_steps(module: ModuleProgress, can_open: bool) -> SafeString:
    """The course page's list items of a module's steps: each title (a link for whoever may open
    the course's content) with its status badge. Rendered in Python, as the outline is: the page
    shows every step of the course."""
    words = status_words()
    return format_html_join(
        "",
        COURSE_STEP,
        (
            (
                format_html(STEP_LINK, step.url, translated(step.page, "title"))
                if can_open
                else translated(step.page, "title"),
                _badges(step, words) if can_open else "",
            )
            for step in module.steps
        ),
    )


@register.simple_tag
def step_status(step) -> SafeString:
    """A step's status as a badge (its score beside a completed graded step), and "new" for a step
    published after the trainee completed the course (a step not started then shows only that).
    Rendered in Python: the course page shows one per step."""
    return _badges(step, status_words())


def _badges(step, words: dict[str, str]) -> SafeString:
    parts = []
    if step.status != NOT_STARTED or not step.is_new:
        css, symbol = STATUS_BADGES[step.status]
        score = (
            format_html(" · {}", percent(step.score, 0))
            if step.status == COMPLETED and step.score is not None
            else ""
        )
        parts.append(format_html(BADGE, css, symbol, words[step.status], score))
    if step.is_new:
        parts.append(format_html(NEW_BADGE, gettext("New since you completed the course")))
    return mark_safe(" ".join(parts))

"""The dashboard's course cards and recent activity, rendered in Python as the course outline is:
the page is every trainee's first stop, and a template loop with an include per card and a date
filter per line cost more than all its queries' Python together."""

from collections.abc import Sequence

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext, ngettext

from home.templatetags.language_tags import translated
from home.templatetags.site_tags import progress_bar

from ..dashboard import CourseCard
from ..progress import StepState

register = template.Library()

CARD = (
    '<article class="card mb-3 dashboard-course"><div class="card-body">'
    '<h3 class="h5"><a href="{}">{}</a></h3>{}'
    '<p class="small text-body-secondary mt-1 mb-2">{}</p>{}</div></article>'
)
COMPLETED = '<p class="mb-0 text-success"><span aria-hidden="true">✓</span> {}</p>{}'
NEW_STEPS = (
    '<p class="mb-0 mt-1 dashboard-new-steps"><span aria-hidden="true">★</span> {} '
    '<a class="fw-semibold" href="{}">{}</a></p>'
)
NEXT_STEP = (
    '<p class="mb-0">{} <a class="fw-semibold" href="{}">{}</a></p>'
    '<a class="btn btn-primary btn-sm mt-2" href="{}">{} '
    '<span class="dir-icon" aria-hidden="true">→</span></a>'
)
ACTIVITY = (
    '<li class="mb-2"><a href="{}">{}</a><br><span class="small text-body-secondary">{} · {}</span></li>'
)


def _where_now(card: CourseCard) -> SafeString | str:
    """Completed (with any step published since), else the step to carry on with."""
    if card.is_complete:
        day = date_format(localtime(card.completed_at), "DATE_FORMAT")
        done = gettext("Completed on %(date)s") % {"date": day}
        new = ""
        if card.new_steps:
            count = len(card.new_steps)
            words = ngettext(
                "%(counter)s new step since you completed the course:",
                "%(counter)s new steps since you completed the course:",
                count,
            ) % {"counter": count}
            first = card.new_steps[0]
            new = format_html(NEW_STEPS, words, first.url, translated(first.page, "title"))
        return format_html(COMPLETED, done, new)
    step = card.resume_step
    if step is None:
        return ""
    action = gettext("Resume") if card.is_started else gettext("Start the course")
    title = translated(step.page, "title")
    return format_html(NEXT_STEP, gettext("Next step:"), step.url, title, step.url, action)


@register.simple_tag(takes_context=True)
def course_cards(context, cards: Sequence[CourseCard]) -> SafeString:
    """One card per course: its title as a link, its progress, and what comes next in it."""
    request = context.get("request")
    label = gettext("Course progress")
    steps_done = gettext("%(done)s of %(total)s steps completed")
    return format_html_join(
        "",
        CARD,
        (
            (
                card.course.get_url(request=request),
                translated(card.course, "title"),
                progress_bar(card.percent, label),
                steps_done % {"done": card.completed, "total": card.total},
                _where_now(card),
            )
            for card in cards
        ),
    )


@register.simple_tag
def recent_activity(steps: Sequence[StepState]) -> SafeString:
    """The steps last opened: each title as a link, whether it was completed, and when last opened."""
    if not steps:
        return mark_safe("")
    completed, opened = gettext("Completed"), gettext("Opened")
    return format_html_join(
        "",
        ACTIVITY,
        (
            (
                step.url,
                translated(step.page, "title"),
                completed if step.completed_at else opened,
                date_format(localtime(step.last_opened_at), "SHORT_DATETIME_FORMAT"),
            )
            for step in steps
        ),
    )

"""The course outline beside a lesson, rendered in Python.

A course has some fifty steps, and a template loop over them cost about 4 ms, a tenth of the
lesson page; rendered here, it costs under 1 ms. The markup is the one the template had.
"""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from home.templatetags.language_tags import translated

from ..progress import COMPLETED, IN_PROGRESS, NOT_STARTED, ModuleProgress

register = template.Library()

SYMBOLS = {COMPLETED: "✓", IN_PROGRESS: "◐", NOT_STARTED: "○"}
CURRENT = mark_safe(' class="fw-bold" aria-current="step"')


STEP_ITEM = (
    '<li{}><span class="visually-hidden">{}:</span> <span aria-hidden="true">{}</span> '
    '<a href="{}">{}</a></li>'
)


def status_words() -> dict[str, str]:
    return {
        COMPLETED: gettext("Completed"),
        IN_PROGRESS: gettext("In progress"),
        NOT_STARTED: gettext("Not started"),
    }


@register.simple_tag
def outline_steps(module: ModuleProgress, current_page) -> SafeString:
    """A module's steps as list items: status in words for screen readers and as a symbol, the
    step's title as a link, the current step marked."""
    words = status_words()
    return format_html_join(
        "\n",
        STEP_ITEM,
        (
            (
                CURRENT if step.page.pk == current_page.pk else "",
                words[step.status],
                SYMBOLS[step.status],
                step.url,
                translated(step.page, "title"),
            )
            for step in module.steps
        ),
    )

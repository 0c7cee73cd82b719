"""The progress matrix's rows, rendered in Python: a cohort of a thousand trainees is fifty thousand
cells, too many for a template loop. A cell has few possible contents, so each is rendered once per
page and reused.

A cell is a symbol (never colour alone) with its word for screen readers, and the grade of a step
that is passed or failed; the legend above the table gives each symbol its word on screen."""

from django import template
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, gettext_lazy

from courses.matrix import (
    CELL_LABELS,
    FAILED,
    PASSED,
    MatrixColumn,
    MatrixRow,
    cell_kind,
)
from courses.progress import COMPLETED, IN_PROGRESS, NOT_STARTED, StepState
from home.people import display_name
from home.templatetags.language_tags import bdi, percent, ratio

register = template.Library()

ICONS = {COMPLETED: "✓", PASSED: "✓", FAILED: "✗", IN_PROGRESS: "◐", NOT_STARTED: "○"}
NEW_ICON = "✦"
NEW_LABEL = gettext_lazy("new since the course was completed")
LEGEND = [
    (COMPLETED, gettext_lazy("completed")),
    (PASSED, gettext_lazy("passed, with the grade")),
    (FAILED, gettext_lazy("failed, with the grade")),
    (IN_PROGRESS, gettext_lazy("in progress")),
    (NOT_STARTED, gettext_lazy("not started")),
]


def _symbol(icon: str, label) -> SafeString:
    return format_html('<span aria-hidden="true">{}</span><span class="matrix-sr">{}</span>', icon, label)


def cell_html(state: StepState, *, graded: bool) -> SafeString:
    """A cell in symbol and words, never colour alone; the grade when the step has one."""
    kind = cell_kind(state, graded=graded)
    score = format_html(" {}", percent(state.score, 0)) if state.score is not None else ""
    new = _symbol(NEW_ICON, NEW_LABEL) if state.is_new else ""
    return format_html(
        '<td class="matrix-{}">{}{}{}</td>',
        kind,
        _symbol(ICONS[kind], CELL_LABELS[kind]),
        score,
        new,
    )


def _cells_html(
    cells: list[StepState], columns: list[MatrixColumn], rendered: dict[int, SafeString]
) -> SafeString:
    try:
        return mark_safe("".join([rendered[id(cell)] for cell in cells]))  # each built by format_html
    except KeyError:  # a state not met yet on this page (states belong to one column)
        for cell, column in zip(cells, columns, strict=True):
            if id(cell) not in rendered:
                rendered[id(cell)] = cell_html(cell, graded=column.graded)
        return _cells_html(cells, columns, rendered)


def _day(value, days: dict) -> str:
    """The day of a date and time, each distinct day formatted once per page."""
    if value is None:
        return "—"
    day = template_localtime(value).date()
    if day not in days:
        days[day] = formats.date_format(day, "DATE_FORMAT")
    return days[day]


@register.simple_tag(takes_context=True)
def matrix_row(context, row: MatrixRow, columns: list[MatrixColumn]) -> SafeString:
    """A trainee's row: name (flagged when behind schedule), a cell per step, the day of the last
    activity and the steps completed."""
    rendered = context.render_context.setdefault("matrix_cells", {})
    days = context.render_context.setdefault("matrix_days", {})
    trainee = row.trainee
    behind = ""
    if row.behind:
        behind = format_html(
            '<span class="matrix-behind-flag"><span aria-hidden="true">⚠</span> {}</span>',
            gettext("behind schedule"),
        )
    return format_html(
        '<tr><th scope="row" class="matrix-name">{}{}</th>{}<td class="matrix-activity">{}</td>'
        '<td class="matrix-total">{} ({})</td></tr>',
        bdi(display_name(trainee)),
        behind,
        _cells_html(row.cells, columns, rendered),
        _day(row.last_activity, days),
        ratio(row.completed, len(row.cells)),
        percent(row.percent),
    )


@register.simple_tag
def matrix_legend() -> SafeString:
    """What each symbol says, in words."""
    items = format_html_join(
        "",
        '<li><span class="matrix-cell matrix-{}"><span aria-hidden="true">{}</span></span> {}</li>',
        ((kind, ICONS[kind], label) for kind, label in LEGEND),
    )
    new = format_html('<li><span aria-hidden="true">{}</span> {}</li>', NEW_ICON, NEW_LABEL)
    return format_html('<ul class="matrix-legend">{}{}</ul>', items, new)


@register.simple_tag
def matrix_step_totals(step_totals: list, trainees: int) -> SafeString:
    """The footer's cells: per step, how many trainees completed it out of the cohort's."""
    return format_html_join("", "<td>{}</td>", ((ratio(total, trainees),) for _column, total in step_totals))

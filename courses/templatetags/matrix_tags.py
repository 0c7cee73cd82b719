"""The progress matrix's rows, rendered in Python: a cohort of a thousand trainees is fifty thousand
cells, too many for a template loop. A cell has few possible contents, so each is rendered once per
page and reused."""

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from courses.matrix import MatrixRow
from courses.progress import COMPLETED, IN_PROGRESS, StepState
from home.templatetags.language_tags import bdi, percent, ratio

register = template.Library()


def cell_html(state: StepState) -> SafeString:
    """A cell in words and symbol, never colour alone."""
    score = ""
    if state.status == COMPLETED:
        label = f"✓ {gettext('completed')}"
        if state.score is not None:
            score = format_html(" ({})", percent(state.score, 0))
    elif state.status == IN_PROGRESS:
        label = f"◐ {gettext('in progress')}"
    else:
        label = f"○ {gettext('not started')}"
    new = f" · {gettext('new since the course was completed')}" if state.is_new else ""
    return format_html('<td class="matrix-cell matrix-{}">{}{}{}</td>', state.status, label, score, new)


def _cells_html(cells: list[StepState], rendered: dict[int, SafeString]) -> SafeString:
    try:
        return mark_safe("".join([rendered[id(cell)] for cell in cells]))  # each built by format_html
    except KeyError:  # a state not met yet on this page
        for cell in cells:
            if id(cell) not in rendered:
                rendered[id(cell)] = cell_html(cell)
        return _cells_html(cells, rendered)


def _day(value, days: dict) -> str:
    """The day of a date and time, each distinct day formatted once per page."""
    if value is None:
        return "—"
    day = template_localtime(value).date()
    if day not in days:
        days[day] = formats.date_format(day, "DATE_FORMAT")
    return days[day]


@register.simple_tag(takes_context=True)
def matrix_row(context, row: MatrixRow) -> SafeString:
    """A trainee's row: name, a cell per step, steps completed and the day of the last activity."""
    rendered = context.render_context.setdefault("matrix_cells", {})
    days = context.render_context.setdefault("matrix_days", {})
    trainee = row.trainee
    return format_html(
        '<tr><th scope="row">{}</th>{}<td>{} ({})</td><td>{}</td></tr>',
        bdi(trainee.get_full_name() or trainee.get_username()),
        _cells_html(row.cells, rendered),
        ratio(row.completed, len(row.cells)),
        percent(row.percent),
        _day(row.last_activity, days),
    )

"""Rows of the large tables, rendered in Python: a cohort of a thousand trainees is twelve thousand
cells in the needs heat map, too many for a template loop. A cell has few possible contents, so each
is rendered once per page and reused (as the progress matrix does: `courses.templatetags.matrix_tags`)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from home.templatetags.language_tags import bdi

register = template.Library()


def _heat_cell(level: int | None) -> SafeString:
    return format_html('<td class="heat-{}">{}</td>', level or 0, level or "—")


@register.simple_tag(takes_context=True)
def heatmap_row(context, name: str, levels: list[int | None]) -> SafeString:
    """A respondent's row of the needs heat map: their current level for each competence."""
    rendered = context.render_context.setdefault("heat_cells", {})
    cells = []
    for level in levels:
        if level not in rendered:
            rendered[level] = _heat_cell(level)
        cells.append(rendered[level])
    return format_html('<tr><th scope="row">{}</th>{}</tr>', bdi(name), mark_safe("".join(cells)))

"""Structured worksheet templates as data: the surface other apps use.

A `WorksheetTemplate` (courses.models) defines sections of fields of kinds (`kinds.KINDS`) and their
rules; a worksheet's values are a plain dict `{field key: value}`, a repeating group's value a list
of rows `{column key: value}`. Every function takes `template` (a `WorksheetTemplate` or the
`TemplateSpec` read from it or from a snapshot) and `values`:

- `worksheet_form(template=, data=, values=, actors=)`: the form to fill in (every field optional,
  so a draft saves as it stands); `form.values()` gives the values to store.
- `clean_values(template=, data=, actors=)`: the stored values from posted data, or the form's errors.
- `validate(template=, values=, actor_ids=)`: what a complete worksheet still lacks (required fields,
  required columns per row, minimum and maximum rows, values of the wrong kind), as `Problem`s.
- `display_rows(template=, values=, actors=)`: the values as texts, section by section, for the
  read-only page and the PDF and DOCX exports (`lms.practice.rendering`).
- `power_interest_grid(...)`, `timeline(...)` (`charts`): the two views of a mobilisation plan.
- `presentation.present(...)`, `presentation.worksheet_html(view=)`: a filled worksheet read-only
  (sections, what is missing, grid, roadmap) and its HTML fragment, for the workbook and the
  assignment step (`templates/courses/worksheets/`).
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .charts import Grid, Timeline, power_interest_grid, timeline
from .forms import WorksheetForm
from .kinds import KINDS, handler_for
from .spec import FieldSpec, SectionSpec, TemplateSpec, Text, spec_from_data, spec_of

__all__ = [
    "KINDS",
    "FieldSpec",
    "Grid",
    "Problem",
    "SectionSpec",
    "TemplateSpec",
    "Text",
    "Timeline",
    "WorksheetForm",
    "actors_for",
    "clean_values",
    "display_rows",
    "handler_for",
    "power_interest_grid",
    "spec_from_data",
    "spec_of",
    "timeline",
    "validate",
    "worksheet_form",
]


@dataclass(frozen=True)
class Problem:
    section: str
    field: str
    row: int | None  # 1-based row of a repeating group
    message: str

    def __str__(self) -> str:
        return self.message


def actors_for(user=None):
    from ..models import Actor

    return Actor.objects.visible_to(user) if user is not None else Actor.objects.live()


def worksheet_form(*, template, data=None, values=None, actors=None, add_row: str = "") -> WorksheetForm:
    return WorksheetForm(
        data,
        spec=spec_of(template),
        actors=actors if actors is not None else actors_for(),
        values=values or {},
        add_row=add_row,
    )


def clean_values(*, template, data, actors=None) -> tuple[dict | None, WorksheetForm]:
    form = worksheet_form(template=template, data=data, actors=actors)
    return (form.values() if form.is_valid() else None), form


def _label(item: FieldSpec) -> str:
    return str(item.label)


def validate(*, template, values: Mapping, actor_ids: Collection[int] | None = None) -> list[Problem]:
    """What keeps `values` from being a complete worksheet of `template`; empty when complete."""
    spec = spec_of(template)
    if actor_ids is None:
        actor_ids = set(actors_for().values_list("pk", flat=True))
    problems = []
    for section, item in spec.fields():
        value = values.get(item.key)
        handler = item.handler
        if handler.is_empty(value):
            if item.required or (item.kind == "group" and item.min_rows):
                problems.append(
                    Problem(
                        section.key, item.key, None, _("« %(field)s » is required.") % {"field": _label(item)}
                    )
                )
            continue
        wrong = handler.check(spec=item, value=value, actor_ids=actor_ids)
        if wrong:
            problems.append(Problem(section.key, item.key, None, f"« {_label(item)} »: {wrong}"))
            continue
        if item.kind == "group":
            problems.extend(_group_problems(section, item, value, actor_ids))
    return problems


def _group_problems(section: SectionSpec, group: FieldSpec, rows: list, actor_ids) -> list[Problem]:
    problems = []
    if len(rows) < group.min_rows:
        problems.append(
            Problem(
                section.key,
                group.key,
                None,
                _("« %(field)s » needs at least %(count)s rows.")
                % {"field": _label(group), "count": group.min_rows},
            )
        )
    if group.max_rows and len(rows) > group.max_rows:
        problems.append(
            Problem(
                section.key,
                group.key,
                None,
                _("« %(field)s » takes at most %(count)s rows.")
                % {"field": _label(group), "count": group.max_rows},
            )
        )
    for number, row in enumerate(rows, start=1):
        for column in group.columns:
            value = row.get(column.key)
            if column.handler.is_empty(value):
                if column.required:
                    problems.append(
                        Problem(
                            section.key,
                            group.key,
                            number,
                            _("« %(field)s », row %(row)s: « %(column)s » is required.")
                            % {"field": _label(group), "row": number, "column": _label(column)},
                        )
                    )
                continue
            wrong = column.handler.check(spec=column, value=value, actor_ids=actor_ids)
            if wrong:
                problems.append(
                    Problem(
                        section.key,
                        group.key,
                        number,
                        f"« {_label(group)} », {number}, « {_label(column)} »: {wrong}",
                    )
                )
    return problems


def display_rows(*, template, values: Mapping, actors: Mapping[int, str]) -> list[dict]:
    """Each section with its fields' texts; a group as a table (its columns and rows of texts)."""
    spec = spec_of(template)
    shown = []
    for section in spec.sections:
        items = []
        for item in section.fields:
            value = values.get(item.key)
            if item.kind == "group":
                rows = [
                    [c.handler.display(spec=c, value=row.get(c.key), actors=actors) for c in item.columns]
                    for row in value or []
                ]
                items.append(
                    {
                        "spec": item,
                        "label": str(item.label),
                        "columns": [str(c.label) for c in item.columns],
                        "rows": rows,
                    }
                )
            else:
                items.append(
                    {
                        "spec": item,
                        "label": str(item.label),
                        "text": item.handler.display(spec=item, value=value, actors=actors),
                    }
                )
        shown.append({"section": section, "title": str(section.title), "items": items})
    return shown

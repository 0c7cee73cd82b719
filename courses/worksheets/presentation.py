"""A filled worksheet as it is shown read-only (the workbook, the assignment step, the exports): the
texts section by section, what is still missing, the grid of the targets and the roadmap, and the
HTML fragment of it. The PDF and DOCX exports stay in `lms.practice.rendering`."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from . import (
    Grid,
    Problem,
    TemplateSpec,
    Timeline,
    display_rows,
    power_interest_grid,
    spec_of,
    timeline,
    validate,
)


@dataclass(frozen=True)
class WorksheetView:
    title: str
    spec: TemplateSpec
    values: dict
    sections: list[dict]
    problems: list[Problem]
    grid: Grid | None
    timeline: Timeline | None
    worksheet: object | None = None


def present(
    *, template, values: dict, actors: dict[int, str], short_names=None, title: str = "", worksheet=None
) -> WorksheetView:
    """What the read-only page and the exports show of `values` filled in `template` (a template or
    its spec): the texts section by section, what is still missing, the grid and the roadmap."""
    spec = spec_of(template)
    return WorksheetView(
        title=title or str(spec.title),
        spec=spec,
        values=values,
        sections=display_rows(template=spec, values=values, actors=actors),
        # An actor the trainee picked stays acceptable even if the register has changed since.
        problems=validate(template=spec, values=values, actor_ids=set(actors)),
        grid=power_interest_grid(template=spec, values=values, actors=actors, short_names=short_names),
        timeline=timeline(template=spec, values=values, actors=actors),
        worksheet=worksheet,
    )


def actor_ids_in(*, spec: TemplateSpec, values: dict) -> set[int]:
    """The register entries that `values` refer to (actor fields, actor columns of groups)."""
    ids = set()
    for _section, item in spec.fields():
        if item.kind == "actor" and isinstance(values.get(item.key), int):
            ids.add(values[item.key])
        for column in item.columns_of_kind("actor") if item.kind == "group" else []:
            ids.update(
                row.get(column.key)
                for row in values.get(item.key) or []
                if isinstance(row, dict) and isinstance(row.get(column.key), int)
            )
    return ids


@dataclass(frozen=True)
class ActorNames:
    full: dict[int, str]
    short: dict[int, str]  # the acronym, where the actor has one


def actor_names_in(*, filled: Iterable[tuple[TemplateSpec, dict]]) -> ActorNames:
    """The names of every actor that the (spec, values) pairs refer to, in one query (none if none)."""
    from ..models import Actor

    ids = set().union(*(actor_ids_in(spec=spec, values=values) for spec, values in filled))
    found = list(Actor.objects.filter(pk__in=ids)) if ids else []
    return ActorNames(
        full={actor.pk: str(actor) for actor in found},
        short={actor.pk: actor.acronym for actor in found if actor.acronym},
    )


def worksheet_html(*, view: WorksheetView) -> SafeString:
    """The read-only fragment of a filled worksheet (sections, grid, timeline), for any page."""
    return render_to_string("courses/worksheets/_worksheet_body.html", {"view": view})

"""The two views of a mobilisation plan, computed on the server (no JavaScript library):

- the influence × alignment grid of the targets: a repeating group shown as `power_interest_grid`,
  its first two 1–5 columns as the axes (influence across, alignment up), each row placed by its
  actor (or first text column);
- the roadmap timeline: a group shown as `timeline`, its rows ordered by their first date column and
  placed along the span from the first to the last date.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from .kinds import SCALE
from .spec import FieldSpec, spec_of


@dataclass(frozen=True)
class Grid:
    group: FieldSpec
    x_label: str
    y_label: str
    rows: list[list[list[str]]] = field(
        default_factory=list
    )  # rows top (5) to bottom (1), cells left (1) to right (5)
    unplaced: list[str] = field(default_factory=list)  # rows missing a value on either axis


@dataclass(frozen=True)
class Step:
    day: date
    label: str
    details: list[str]
    offset: int  # percent of the span from the first date
    row: int = 0  # the row's place in the group, as the trainee entered it


@dataclass(frozen=True)
class Timeline:
    group: FieldSpec
    steps: list[Step]


def _groups(template, display: str) -> list[FieldSpec]:
    return [
        item for _s, item in spec_of(template).fields() if item.kind == "group" and item.display == display
    ]


def _name_column(group: FieldSpec) -> FieldSpec | None:
    for kind in ("actor", "short_text", "long_text"):
        found = group.columns_of_kind(kind)
        if found:
            return found[0]
    return None


def _text(column: FieldSpec | None, row: Mapping, actors) -> str:
    if column is None:
        return ""
    return column.handler.display(spec=column, value=row.get(column.key), actors=actors)


def power_interest_grid(
    *, template, values: Mapping, actors: Mapping[int, str], short_names: Mapping[int, str] | None = None
) -> Grid | None:
    """`short_names` (an actor's acronym) label the grid's cells where given."""
    groups = [g for g in _groups(template, "power_interest_grid") if len(g.columns_of_kind("scale")) >= 2]
    if not groups:
        return None
    group = groups[0]
    x, y = group.columns_of_kind("scale")[:2]
    name = _name_column(group)
    cells = {(i, j): [] for i in SCALE for j in SCALE}
    unplaced = []
    for number, row in enumerate(values.get(group.key) or [], start=1):
        label = _text(name, row, {**actors, **(short_names or {})}) or str(number)
        if row.get(x.key) in SCALE and row.get(y.key) in SCALE:
            cells[(row[x.key], row[y.key])].append(label)
        else:
            unplaced.append(label)
    rows = [[cells[(i, j)] for i in SCALE] for j in reversed(SCALE)]
    return Grid(group=group, x_label=str(x.label), y_label=str(y.label), rows=rows, unplaced=unplaced)


def timeline(*, template, values: Mapping, actors: Mapping[int, str]) -> Timeline | None:
    groups = [g for g in _groups(template, "timeline") if g.columns_of_kind("date")]
    if not groups:
        return None
    group = groups[0]
    when = group.columns_of_kind("date")[0]
    name = _name_column(group)
    others = [c for c in group.columns if c not in (when, name) and c.kind != "long_text"]
    dated = []
    for index, row in enumerate(values.get(group.key) or []):
        try:
            day = date.fromisoformat(row.get(when.key) or "")
        except ValueError:
            continue
        details = [text for c in others if (text := _text(c, row, actors))]
        dated.append((day, _text(name, row, actors), details, index))
    dated.sort(key=lambda item: item[0])
    if not dated:
        return Timeline(group=group, steps=[])
    first, last = dated[0][0], dated[-1][0]
    span = max((last - first).days, 1)
    steps = [
        Step(day, label, details, round(100 * (day - first).days / span), index)
        for day, label, details, index in dated
    ]
    return Timeline(group=group, steps=steps)

"""Small-cell protection: what a breakdown of people (by sex, by institution…) may show.

One rule for every breakdown of every report. A cell counting fewer than `SMALL_CELL` people (0
included: "nobody" is as telling as "one") shows "<3" and no percentage. Where a breakdown has
hidden cells beside a shown total, the reader can work out their sum (total minus the others). That
sum gives a cell away when there is one hidden cell, or when the hidden cells are all empty (sum 0)
or all at their most (each 2): then the smallest shown cell is hidden too (complementary
suppression), so that what the reader can work out is a sum that several splits could make, never
one cell. When no other cell can hide them, the total is hidden instead.

For a rate per group (who completed, out of each group's members), a group with fewer than
`SMALL_CELL` members is hidden whatever its count.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from .numbers import percent_of

SMALL_CELL = 3


class Hidden:
    SHOWN = ""
    SMALL = "small"  # under SMALL_CELL
    COMPLEMENT = "complement"  # hidden so that a small cell cannot be worked out


@dataclass(frozen=True)
class Cell:
    key: str
    label: str
    count: int | None  # None when hidden
    percent: int | None
    hidden: str = Hidden.SHOWN

    @property
    def display(self) -> str:
        if self.hidden == Hidden.SMALL:
            return f"<{SMALL_CELL}"
        if self.hidden == Hidden.COMPLEMENT:
            return "…"
        return str(self.count)


@dataclass(frozen=True)
class Breakdown:
    cells: list[Cell]
    total: int | None  # None when hidden
    of: int | None = None  # what the percentages are of (the group, for a rate), None when hidden

    @property
    def any_hidden(self) -> bool:
        return any(cell.hidden for cell in self.cells) or self.total is None


def _given_away(hidden_sum: int, *, cells: int, threshold: int) -> bool:
    """Whether small cells (each 0 to threshold − 1) whose sum the total gives away can each be worked
    out: one cell alone; or several summing to 0 (all empty) or to their most (all threshold − 1)."""
    return cells == 1 or hidden_sum in (0, cells * (threshold - 1))


def protect(
    counts: Mapping[str, int],
    *,
    labels: Mapping[str, str],
    groups: Mapping[str, int] | None = None,
    threshold: int = SMALL_CELL,
) -> Breakdown:
    """The protected breakdown of `counts` (per key, in `labels`' order).

    Without `groups`, each cell's percentage is its share of the total. With `groups` (each key's
    number of people), each cell's percentage is its count out of its group: a rate per group.
    """
    keys = list(labels)
    total = sum(counts.get(key, 0) for key in keys)

    def small(key: str) -> bool:
        return counts.get(key, 0) < threshold or (groups is not None and groups.get(key, 0) < threshold)

    hidden = {key: Hidden.SMALL for key in keys if small(key)}
    shown = [key for key in keys if key not in hidden]
    total_hidden = False
    if hidden and _given_away(
        sum(counts.get(key, 0) for key in hidden), cells=len(hidden), threshold=threshold
    ):
        if shown:
            complement = min(shown, key=lambda key: (counts.get(key, 0), keys.index(key)))
            hidden[complement] = Hidden.COMPLEMENT
        else:
            total_hidden = True
    cells = []
    for key in keys:
        count = counts.get(key, 0)
        if key in hidden:
            cells.append(Cell(key, labels[key], None, None, hidden[key]))
            continue
        whole = groups.get(key, 0) if groups is not None else total
        cells.append(Cell(key, labels[key], count, percent_of(count, whole)))
    group_total = sum(groups.get(key, 0) for key in keys) if groups is not None else None
    if total_hidden:
        return Breakdown(cells, None, None)
    return Breakdown(cells, total, group_total)

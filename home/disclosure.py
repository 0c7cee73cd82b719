"""Small-cell protection: what a breakdown of people (by sex, by institution…) may show.

One rule for every breakdown of every report. A cell counting fewer than `SMALL_CELL` people (0
included: "nobody" is as telling as "one") shows "<3" and no percentage. Where a breakdown has
hidden cells beside a shown total, the reader can work out their sum (total minus the others). That
sum gives a cell away when there is one hidden cell, when the hidden cells are all empty (sum 0) or
all at their most (each 2), or when a hidden shown-size cell had to take the whole rest: then the
smallest shown cells are hidden too (complementary suppression), until what the reader can work out
is a sum that several splits could make, never one cell. When no other cell can hide them, the
total is hidden instead.

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


def _given_away(
    hidden: Mapping[str, str], counts: Mapping[str, int], *, shown: list[str], threshold: int
) -> bool:
    """Whether a reader who knows the total and the shown cells can work out one hidden cell.

    The hidden cells add up to the total minus the shown ones; the reader knows that a small cell
    holds 0 to threshold − 1, and that a complement holds at least threshold and no more than the
    smallest shown cell (it was the smallest). A cell is given away when those bounds leave it one
    value: a lone small cell, small cells summing to 0 or to their most, a complement that had to
    take the whole rest."""
    total = sum(counts.get(key, 0) for key in hidden)
    ceiling = min([total, *(counts.get(key, 0) for key in shown)])
    bounds = [
        (0, threshold - 1) if kind == Hidden.SMALL else (threshold, ceiling) for kind in hidden.values()
    ]
    lows, highs = sum(low for low, _high in bounds), sum(high for _low, high in bounds)
    for low, high in bounds:
        least = max(low, total - (highs - high))
        most = min(high, total - (lows - low))
        if least >= most:
            return True
    return False


def protect(
    counts: Mapping[str, int],
    *,
    labels: Mapping[str, str],
    groups: Mapping[str, int] | None = None,
    threshold: int = SMALL_CELL,
    with_total: bool = True,
) -> Breakdown:
    """The protected breakdown of `counts` (per key, in `labels`' order).

    Without `groups`, each cell's percentage is its share of the total. With `groups` (each key's
    number of people), each cell's percentage is its count out of its group: a rate per group.
    `with_total=False`: cells that do not add up to anything printed (options of a question where
    several may be ticked): no total, so nothing to work a small cell out from, no complement.
    """
    keys = list(labels)
    total = sum(counts.get(key, 0) for key in keys)

    def small(key: str) -> bool:
        return counts.get(key, 0) < threshold or (groups is not None and groups.get(key, 0) < threshold)

    hidden = {key: Hidden.SMALL for key in keys if small(key)}
    shown = [key for key in keys if key not in hidden]
    total_hidden = False
    # Complementary suppression: the smallest shown cells are hidden too, one at a time, until no
    # hidden cell can be worked out from the total; when none is left to hide, the total is hidden.
    while with_total and hidden and _given_away(hidden, counts, shown=shown, threshold=threshold):
        if not shown:
            total_hidden = True
            break
        complement = min(shown, key=lambda key: (counts.get(key, 0), keys.index(key)))
        hidden[complement] = Hidden.COMPLEMENT
        shown.remove(complement)
    cells = []
    for key in keys:
        count = counts.get(key, 0)
        if key in hidden:
            cells.append(Cell(key, labels[key], None, None, hidden[key]))
            continue
        whole = groups.get(key, 0) if groups is not None else total
        cells.append(Cell(key, labels[key], count, percent_of(count, whole)))
    group_total = sum(groups.get(key, 0) for key in keys) if groups is not None else None
    if total_hidden or not with_total:
        return Breakdown(cells, None, None)
    return Breakdown(cells, total, group_total)

"""Small-cell protection (home.disclosure): no cell under 3 is shown, nor can it be worked out."""

from itertools import product

from hypothesis import given
from hypothesis import strategies as st

from home.disclosure import SMALL_CELL, Hidden, protect

LABELS = {"female": "F", "male": "M", "undisclosed": "?", "": "—"}


def test_a_cell_under_3_shows_less_than_3_and_no_percentage():
    breakdown = protect({"female": 2, "male": 5, "undisclosed": 4, "": 3}, labels=LABELS)
    female = breakdown.cells[0]
    assert (female.display, female.count, female.percent) == ("<3", None, None)
    assert breakdown.total == 14


def test_one_small_cell_hides_the_smallest_shown_one_too():
    breakdown = protect({"female": 1, "male": 5, "undisclosed": 4, "": 6}, labels=LABELS)
    assert [cell.hidden for cell in breakdown.cells] == [Hidden.SMALL, "", Hidden.COMPLEMENT, ""]
    # Total minus what is shown: the sum of two hidden cells, never the small one alone.
    shown = sum(cell.count for cell in breakdown.cells if not cell.hidden)
    assert breakdown.total - shown == 1 + 4


def test_zero_is_a_small_cell_and_a_lone_small_cell_hides_the_total():
    breakdown = protect({"female": 0, "male": 2}, labels={"female": "F", "male": "M"})
    assert [cell.display for cell in breakdown.cells] == ["<3", "<3"]
    lone = protect({"male": 2}, labels={"male": "M"})
    assert lone.total is None


def test_a_rate_hides_groups_under_3_whatever_their_count():
    breakdown = protect(
        {"female": 2, "male": 4, "undisclosed": 3},
        labels={"female": "F", "male": "M", "undisclosed": "?"},
        groups={"female": 2, "male": 8, "undisclosed": 5},
    )
    assert [cell.display for cell in breakdown.cells] == ["<3", "4", "…"]
    assert breakdown.cells[1].percent == 50


def possible_values(breakdown, threshold: int = SMALL_CELL) -> list[set[int]]:
    """For each hidden cell, every value it could take given what the breakdown shows: a small cell
    0 to threshold − 1, a complement threshold or more, all of them adding up to the total."""
    hidden = [cell for cell in breakdown.cells if cell.hidden]
    shown = [cell.count for cell in breakdown.cells if not cell.hidden]
    # A complement is at least `threshold`, and at most the smallest shown cell (it was the smallest).
    ceiling = breakdown.total if breakdown.total is not None else 2 * threshold * len(hidden)
    ceiling = min([ceiling, *shown])
    domains = [
        range(threshold) if cell.hidden == Hidden.SMALL else range(threshold, ceiling + 1) for cell in hidden
    ]
    left = (
        None
        if breakdown.total is None
        else breakdown.total - sum(c.count for c in breakdown.cells if c.count)
    )
    found: list[set[int]] = [set() for _ in hidden]
    for values in product(*domains):
        if left is None or sum(values) == left:
            for seen, value in zip(found, values, strict=True):
                seen.add(value)
    return found


@given(st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=4))
def test_no_small_cell_can_be_worked_out_from_the_total(counts):
    keys = list(LABELS)[: len(counts)]
    breakdown = protect(dict(zip(keys, counts, strict=True)), labels={k: LABELS[k] for k in keys})
    hidden = [cell for cell in breakdown.cells if cell.hidden]
    assert all(cell.count is None and cell.percent is None for cell in hidden)
    assert all(cell.count >= SMALL_CELL for cell in breakdown.cells if not cell.hidden)
    # Whatever the reader works out from the total and the shown cells, each hidden cell could still
    # hold at least two values (one hidden cell beside a shown total would be given away; so would
    # two empty ones: "<3", "<3" summing to 0).
    assert all(len(values) >= 2 for values in possible_values(breakdown))


def test_small_cells_summing_to_nothing_are_hidden_with_a_shown_one():
    """Nobody undisclosed, nobody not stated: the total minus the shown cells said both were 0."""
    breakdown = protect({"female": 5, "male": 4, "undisclosed": 0, "": 0}, labels=LABELS)
    assert [cell.display for cell in breakdown.cells] == ["5", "…", "<3", "<3"]
    assert all(len(values) >= 2 for values in possible_values(breakdown))
    # A complement that had to take the whole rest (0 and 3 of a total of 3): the total goes too.
    breakdown = protect({"female": 0, "male": 3}, labels={"female": "F", "male": "M"})
    assert [cell.display for cell in breakdown.cells] == ["<3", "…"] and breakdown.total is None
    # Two small cells that could be split several ways stay as they were: no more is hidden.
    breakdown = protect({"female": 5, "male": 4, "undisclosed": 1, "": 0}, labels=LABELS)
    assert [cell.display for cell in breakdown.cells] == ["5", "4", "<3", "<3"]

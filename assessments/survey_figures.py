"""The figures questionnaire results are made of: shares and bars, distributions, and the shape of
each kind of result (a competence's need, a choice's bars, a ranking, free texts), built from answers
read as plain values (`AnswerRow`)."""

import json
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from courses.models import Competence
from home.numbers import percent_of, rounded

from .models import QuestionnaireItem

SCALE = range(1, 6)
RANK_POINTS = {0: 3, 1: 2, 2: 1}  # first priority 3 points, second 2, third 1


def two_places(value: float) -> Decimal:
    return rounded(value)


def shares(*, counts: Sequence[int], total: int) -> list[int]:
    """Whole percentages of `total`, one per count: the one rounding of shares used on screen,
    in the PDFs and in the minutes.

    When the counts split the total (one answer per person: a scale, a single choice), they add
    up to exactly 100: each share is rounded down, then the points still missing go to the largest
    remainders (Hamilton's largest-remainder method; ties to the first). Otherwise (several
    choices per person) each share is rounded on its own."""
    if not total:
        return [0 for _count in counts]
    if sum(counts) != total:
        return [percent_of(count, total) for count in counts]
    floors = [count * 100 // total for count in counts]
    remainders = [count * 100 % total for count in counts]
    missing = 100 - sum(floors)
    by_remainder = sorted(range(len(counts)), key=lambda index: -remainders[index])
    for index in by_remainder[:missing]:
        floors[index] += 1
    return floors


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    total: int
    percent: int


def bars(*, labels: Sequence[str], counts: Sequence[int], total: int) -> list[Bar]:
    """One bar per label, its share of `total` from `shares`."""
    percents = shares(counts=counts, total=total)
    return [
        Bar(label, count, total, percent)
        for label, count, percent in zip(labels, counts, percents, strict=True)
    ]


@dataclass(frozen=True)
class Distribution:
    bars: list[Bar]
    values: list[int]

    @property
    def count(self) -> int:
        return len(self.values)

    @property
    def mean(self) -> Decimal | None:
        return two_places(statistics.fmean(self.values)) if self.values else None

    @property
    def median(self) -> Decimal | None:
        return two_places(statistics.median(self.values)) if self.values else None


def distribution(values: list[int], scale=SCALE) -> Distribution:
    counts = Counter(values)
    return Distribution(
        bars(
            labels=[str(point) for point in scale],
            counts=[counts[point] for point in scale],
            total=len(values),
        ),
        values,
    )


def priority_score(*, level: int, importance: int) -> int:
    """importance × (5 − level): high when a competence matters and is not yet mastered (0 to 20)."""
    return importance * (5 - level)


@dataclass(frozen=True)
class CompetenceNeed:
    competence: Competence
    level: Distribution
    importance: Distribution
    priority: Decimal | None


@dataclass(frozen=True)
class ChoiceResult:
    item: QuestionnaireItem
    bars: list[Bar]
    answered: int
    mean: Decimal | None = None  # rating scales only


@dataclass(frozen=True)
class RankedCompetence:
    competence: Competence
    points: int
    mentions: int
    first_choices: int


@dataclass(frozen=True)
class TextAnswers:
    item: QuestionnaireItem
    answers: list[tuple[str, str]]  # (respondent name or "", text)


class AnswerRow(NamedTuple):
    """An answer as the results read it: plain values, for a thousand responses × twenty items.

    The selection stays JSON text until read: only choice, availability and ranking answers have one.
    """

    response_id: int
    item_id: int
    number: int | None
    importance: int | None
    selection_json: str
    text: str

    @property
    def selection(self) -> list:
        return json.loads(self.selection_json) if self.selection_json else []

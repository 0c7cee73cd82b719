"""Scoring rules: a question's points, an attempt's percentage, the grade over attempts, the gain."""

from collections.abc import Collection, Iterable, Sequence
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from home.numbers import rounded

from .normalise import answers_match

HUNDRED = Decimal(100)


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")
    SHORT = "short", _("Short answer")


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", _("Highest grade")
    LAST = "last", _("Last attempt")
    FIRST = "first", _("First attempt")
    AVERAGE = "average", _("Average grade")


def percentage(value: Decimal | float) -> Decimal:
    return rounded(value)


def choice_points(
    *, selected: Collection[int], correct: Collection[int], all_choices: Collection[int]
) -> Decimal:
    """Points (0 to 1) for a choice question.

    Single choice and true/false: all or nothing. Multiple choice: each correct choice ticked
    earns 1/(number of correct choices), each wrong one ticked costs 1/(number of wrong choices),
    never below zero, so ticking everything earns nothing.
    """
    selected, correct = set(selected), set(correct)
    wrong = set(all_choices) - correct
    if not selected or not correct:
        return Decimal(0)
    gained = Decimal(len(selected & correct)) / len(correct)
    lost = Decimal(len(selected & wrong)) / len(wrong) if wrong else Decimal(0)
    return max(Decimal(0), gained - lost)


def single_points(*, selected: Collection[int], correct: Collection[int]) -> Decimal:
    return Decimal(1) if set(selected) == set(correct) and len(selected) == 1 else Decimal(0)


def short_answer_points(*, given: str, accepted: Iterable[str]) -> Decimal:
    return Decimal(1) if any(answers_match(given, answer) for answer in accepted) else Decimal(0)


def attempt_percentage(points: Sequence[Decimal]) -> Decimal:
    """An attempt's score in %, each question weighing the same."""
    if not points:
        return Decimal(0)
    return percentage(sum(points, Decimal(0)) * HUNDRED / len(points))


def final_grade(scores_in_order: Sequence[Decimal], method: str) -> Decimal | None:
    """The grade kept for a quiz from the scores of its submitted attempts, oldest first."""
    if not scores_in_order:
        return None
    if method == GradingMethod.HIGHEST:
        return max(scores_in_order)
    if method == GradingMethod.LAST:
        return scores_in_order[-1]
    if method == GradingMethod.FIRST:
        return scores_in_order[0]
    if method == GradingMethod.AVERAGE:
        return percentage(sum(scores_in_order, Decimal(0)) / len(scores_in_order))
    raise ValueError(f"Unknown grading method {method!r}")


def normalised_gain(*, pre: Decimal, post: Decimal) -> Decimal | None:
    """Hake's normalised gain (post − pre) / (100 − pre), as a fraction; undefined when pre = 100."""
    if pre >= HUNDRED:
        return None
    return rounded((post - pre) / (HUNDRED - pre), "0.001")

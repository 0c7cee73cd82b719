"""A rubric's reading and its arithmetic: the criteria of an assignment (none for comments-only),
each criterion's levels and points, the most a work can score, a score and its percentage."""

from home.numbers import percent_of

from ..models import AssignmentPage, Feedback, RubricCriterion
from ..models.assignments import RUBRIC_LEVELS


def criteria_of(*, assignment: AssignmentPage) -> list[RubricCriterion]:
    if assignment.comments_only:
        return []
    return list(assignment.criteria.all())


def levels_of(criterion: RubricCriterion) -> list[tuple[int, str, int]]:
    """The criterion's levels as (number, descriptor, points); a level without descriptor is not one
    (three-level rubrics leave the fourth empty)."""
    levels = []
    for number in RUBRIC_LEVELS:
        descriptor = getattr(criterion, f"level_{number}")
        if descriptor:
            levels.append((number, descriptor, getattr(criterion, f"points_{number}")))
    return levels


def level_points(*, criterion: RubricCriterion, level: int) -> int:
    return getattr(criterion, f"points_{level}")


def max_points(*, criteria: list[RubricCriterion]) -> int:
    """The most a piece of work can score: the highest level's points of every criterion."""
    return sum(max((points for _n, _d, points in levels_of(c)), default=0) for c in criteria)


def score(*, points: list[int | None]) -> int:
    """The rubric score: the sum of the chosen levels' points."""
    return sum(value for value in points if value is not None)


def score_percent(feedback: Feedback) -> int | None:
    if feedback.points is None or not feedback.max_points:
        return None
    return percent_of(feedback.points, feedback.max_points)

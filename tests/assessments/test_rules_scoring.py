from decimal import Decimal

import pytest

from assessments.question_kinds import structure_errors
from assessments.scoring import (
    GradingMethod,
    QuestionKind,
    attempt_percentage,
    choice_points,
    final_grade,
    normalised_gain,
    short_answer_points,
    single_points,
)

D = Decimal


def test_single_choice_is_all_or_nothing():
    assert single_points(selected={1}, correct={1}) == 1
    assert single_points(selected={2}, correct={1}) == 0
    assert single_points(selected=set(), correct={1}) == 0
    assert single_points(selected={1, 2}, correct={1}) == 0


@pytest.mark.parametrize(
    ("selected", "expected"),
    [
        ({1, 2}, D(1)),  # both correct ones
        ({1}, D("0.5")),  # half of the correct ones
        ({1, 3}, D(0)),  # one right, one wrong (of two wrong): 1/2 - 1/2
        ({1, 2, 3}, D("0.5")),  # all right plus one wrong: 1 - 1/2
        ({1, 2, 3, 4}, D(0)),  # ticking everything earns nothing
        (set(), D(0)),
        ({3}, D(0)),  # never negative
    ],
)
def test_multiple_choice_partial_credit(selected, expected):
    assert choice_points(selected=selected, correct={1, 2}, all_choices={1, 2, 3, 4}) == expected


def test_short_answer_accepts_any_listed_answer():
    assert short_answer_points(given="reinsertion", accepted=["Réinsertion", "إعادة الإدماج"]) == 1
    assert short_answer_points(given="اعادة الادماج", accepted=["Réinsertion", "إعادة الإدماج"]) == 1
    assert short_answer_points(given="retour", accepted=["Réinsertion"]) == 0


def test_attempt_percentage_weighs_questions_equally():
    assert attempt_percentage([D(1), D(0), D("0.5")]) == D("50.00")
    assert attempt_percentage([D(1), D(1), D(0)]) == D("66.67")
    assert attempt_percentage([]) == 0


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        (GradingMethod.HIGHEST, D(80)),
        (GradingMethod.LAST, D(60)),
        (GradingMethod.FIRST, D(40)),
        (GradingMethod.AVERAGE, D("60.00")),
    ],
)
def test_grading_methods(method, expected):
    assert final_grade([D(40), D(80), D(60)], method) == expected


def test_no_submitted_attempt_means_no_grade():
    assert final_grade([], GradingMethod.HIGHEST) is None


@pytest.mark.parametrize(
    ("pre", "post", "gain"),
    [(D(40), D(70), D("0.5")), (D(0), D(100), D(1)), (D(80), D(60), D(-1)), (D(50), D(50), D(0))],
)
def test_normalised_gain(pre, post, gain):
    assert normalised_gain(pre=pre, post=post) == gain


def test_gain_is_undefined_from_a_perfect_pre_test():
    assert normalised_gain(pre=D(100), post=D(100)) is None


@pytest.mark.parametrize(
    ("kind", "flags", "accepted", "valid"),
    [
        (QuestionKind.SINGLE, [True, False], 0, True),
        (QuestionKind.SINGLE, [True, True], 0, False),
        (QuestionKind.SINGLE, [False, False], 0, False),
        (QuestionKind.SINGLE, [True], 0, False),
        (QuestionKind.MULTIPLE, [True, True, False], 0, True),
        (QuestionKind.MULTIPLE, [False, False], 0, False),
        (QuestionKind.TRUE_FALSE, [True, False], 0, True),
        (QuestionKind.TRUE_FALSE, [True, False, False], 0, False),
        (QuestionKind.TRUE_FALSE, [False, False], 0, False),
        (QuestionKind.SHORT, [], 1, True),
        (QuestionKind.SHORT, [], 0, False),
    ],
)
def test_question_structure_rules(kind, flags, accepted, valid):
    assert (structure_errors(kind=kind, correct_flags=flags, accepted_answers=accepted) == []) == valid

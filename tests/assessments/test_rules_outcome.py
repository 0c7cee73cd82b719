"""The pass rule and the open-now rule as pure functions (`assessments/outcome.py`, `availability.py`)."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments.availability import DEADLINE_GRACE, is_closed_for_good, is_open
from assessments.outcome import reaches_pass_mark

D = Decimal


@pytest.mark.parametrize(
    ("method", "scores", "passed"),
    [
        ("highest", [D(100), D(0)], True),
        ("last", [D(100), D(0)], True),  # a later attempt never takes the pass back
        ("last", [D(0), D(100)], True),
        ("first", [D(0), D(100)], False),
        ("first", [D(60)], True),
        ("average", [D(0), D(100)], False),  # 50 % < 60 %
        ("average", [D(100), D(0)], True),  # 100 % after the first attempt
        ("average", [D(40), D(80)], True),  # 60 % after the second
        ("highest", [], False),
    ],
)
def test_passed_once_the_grade_under_the_method_reaches_the_pass_mark(method, scores, passed):
    assert reaches_pass_mark(scores=scores, method=method, pass_mark=60) is passed


NOON = timezone.make_aware(datetime(2026, 12, 3, 12, 0))


@pytest.mark.parametrize(
    ("opens", "closes", "now", "open_"),
    [
        (None, None, NOON, True),
        (NOON, None, NOON, True),
        (NOON + timedelta(seconds=1), None, NOON, False),
        (None, NOON, NOON, False),  # the closing moment itself is closed
        (None, NOON + timedelta(seconds=1), NOON, True),
    ],
)
def test_open_now(opens, closes, now, open_):
    assert is_open(opens_at=opens, closes_at=closes, now=now) is open_


def test_closed_for_good_only_after_the_grace():
    assert not is_closed_for_good(closes_at=None, now=NOON)
    assert not is_closed_for_good(closes_at=NOON, now=NOON + DEADLINE_GRACE)
    assert is_closed_for_good(closes_at=NOON, now=NOON + DEADLINE_GRACE + timedelta(seconds=1))


@pytest.mark.django_db
def test_the_query_filter_and_the_page_test_agree(module):
    from assessments.availability import open_filter
    from assessments.models import QuizPage
    from tests.factories.assessments import make_quiz

    minute = timedelta(minutes=1)
    dates = [None, NOON - minute, NOON, NOON + minute]
    for opens in dates:
        for closes in dates:
            make_quiz(module, opens_at=opens, closes_at=closes)
    quizzes = QuizPage.objects.all()
    expected = {quiz.pk for quiz in quizzes if quiz.is_open(NOON)}
    assert set(quizzes.filter(open_filter(now=NOON)).values_list("pk", flat=True)) == expected
    assert 0 < len(expected) < len(quizzes)

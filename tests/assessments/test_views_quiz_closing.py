"""Attempts close with the quiz: nothing is saved or submitted after the closing date, an attempt
still open then is submitted as it stands, and review "after close" cannot be read while a late
submission is still possible."""

from datetime import timedelta
from decimal import Decimal
from html import unescape
from unittest.mock import patch

import pytest
from django.template.defaultfilters import date as format_date
from django.utils import timezone, translation

from assessments.models import Attempt
from assessments.scoring import QuestionKind
from tests.conftest import translated
from tests.factories.assessments import choice_letters, make_question, make_quiz
from tests.paths import path_to

pytestmark = pytest.mark.django_db

CLOSED_MEANWHILE = "The quiz has closed: the attempt was submitted with the answers saved before closing."


@pytest.fixture
def quiz(module):
    questions = [make_question(QuestionKind.SINGLE) for _ in range(4)]
    return make_quiz(module, questions=questions, pass_mark=50, closes_at=timezone.now() + timedelta(hours=1))


def said(text: str, language: str = "fr") -> str:
    """`text` as a template's {% translate %} writes it (translated, apostrophes left as they are)."""
    return unescape(translated(text, language))


def start(client, quiz) -> Attempt:
    assert client.post(quiz.url + "start/").status_code == 302
    return Attempt.objects.latest("pk")


def attempt_url(quiz, attempt) -> str:
    return f"{quiz.url}attempt/{attempt.pk}/"


def correct(quiz, *positions) -> dict:
    slots = {slot.sort_order + 1: slot.question for slot in quiz.slots.all()}
    return {f"q{p}": choice_letters(slots[p], correct=True)[0] for p in positions}


def at(moment):
    return patch("django.utils.timezone.now", return_value=moment)


def close_now(quiz, *, ago: timedelta = timedelta(minutes=1)):
    """The trainer moves the closing date to a moment already past."""
    quiz.closes_at = timezone.now() - ago
    quiz.save()


@pytest.mark.parametrize("action", ["save", "submit"])
def test_answers_after_closing_are_refused_and_the_attempt_submitted_as_it_stands(
    client, enrolled, quiz, action
):
    attempt = start(client, quiz)
    client.post(attempt_url(quiz, attempt), {**correct(quiz, 1), "action": "save"})
    close_now(quiz)
    response = client.post(attempt_url(quiz, attempt), {**correct(quiz, 1, 2, 3, 4), "action": action})
    assert response["Location"].endswith("review/")
    attempt.refresh_from_db()
    assert attempt.status == "submitted"
    assert attempt.score == Decimal("25.00")  # the one answer saved before closing
    assert attempt.submitted_at == quiz.closes_at
    page = client.get(response["Location"]).content.decode()
    assert translated(CLOSED_MEANWHILE) in page


def test_an_attempt_left_open_is_submitted_at_closing_even_if_the_trainee_never_comes_back(
    client, enrolled, quiz, trainer
):
    attempt = start(client, quiz)
    client.post(attempt_url(quiz, attempt), {**correct(quiz, 1, 2), "action": "save"})
    close_now(quiz)
    client.force_login(trainer)
    results = client.get(path_to("assessments_quiz_results", quiz_id=quiz.pk)).content.decode()
    attempt.refresh_from_db()
    assert attempt.status == "submitted" and attempt.score == Decimal("50.00")
    assert "✓" in results  # 50 % reaches the pass mark: the trainer sees it passed


def test_the_trainee_coming_back_after_closing_finds_the_attempt_submitted(client, enrolled, quiz):
    attempt = start(client, quiz)
    close_now(quiz)
    page = client.get(attempt_url(quiz, attempt), follow=True).content.decode()
    assert translated(CLOSED_MEANWHILE) in page
    overview = client.get(quiz.url).content.decode()
    assert translated("Continue my attempt") not in overview
    assert said("This quiz is not open at the moment.") in overview


def test_the_closing_date_in_force_is_the_current_one(client, enrolled, quiz):
    quiz.time_limit_minutes = 60
    quiz.closes_at = timezone.now() + timedelta(minutes=10)
    quiz.save()
    attempt = start(client, quiz)
    quiz.closes_at = timezone.now() + timedelta(days=2)  # the trainer gives more time
    quiz.save()
    with at(timezone.now() + timedelta(minutes=30)):
        response = client.post(attempt_url(quiz, attempt), {**correct(quiz, 1), "action": "save"})
    assert response["Location"].endswith(f"attempt/{attempt.pk}/")
    attempt.refresh_from_db()
    assert attempt.status == "open"


def test_answers_cannot_be_read_while_an_attempt_can_still_be_submitted(client, enrolled, module):
    questions = [make_question(QuestionKind.SINGLE) for _ in range(2)]
    closes_at = timezone.now() + timedelta(hours=1)
    quiz = make_quiz(module, questions=questions, review_timing="after_close", closes_at=closes_at)
    finished = start(client, quiz)
    client.post(attempt_url(quiz, finished), {"action": "submit"})
    left_open = start(client, quiz)
    # Just after closing, within the grace given to late requests: a submission would still count,
    # so the answers are not shown yet.
    with at(closes_at + timedelta(seconds=1)):
        review = client.get(attempt_url(quiz, finished) + "review/").content.decode()
    assert "Explication" not in review
    # Once the answers are shown, the attempt left open can no longer take them.
    with at(closes_at + timedelta(minutes=1)):
        review = client.get(attempt_url(quiz, finished) + "review/").content.decode()
        assert "Explication" in review
        client.post(attempt_url(quiz, left_open), {**correct(quiz, 1, 2), "action": "submit"})
    left_open.refresh_from_db()
    assert left_open.status == "submitted" and left_open.score == 0


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_attempt_page_says_when_the_quiz_closes(client, enrolled, quiz, language):
    attempt = start(client, quiz)
    with translation.override(language):
        url = attempt_url(quiz, attempt)
        when = format_date(timezone.localtime(quiz.closes_at), "DATETIME_FORMAT")
        expected = said(
            "This quiz closes on %(date)s: your attempt will be submitted as it stands.", language
        ) % {"date": when}
    assert expected in client.get(url).content.decode()

"""Before submission, nothing a trainee receives tells which choice is correct."""

import re

import pytest

from assessments.models import Attempt, Choice
from assessments.scoring import QuestionKind
from tests.factories.assessments import make_question, make_quiz

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
CANARY = "CANARY-7f3a9c"


def without_csrf(content: bytes) -> str:
    return CSRF.sub("", content.decode())


def flip_correct_answers(quiz) -> None:
    for slot in quiz.slots.select_related("question"):
        for choice in Choice.objects.filter(question=slot.question):
            choice.is_correct = not choice.is_correct
            choice.save()


@pytest.fixture
def quiz(module):
    questions = [
        make_question(QuestionKind.SINGLE, correct=(1,), choices=4),
        make_question(QuestionKind.MULTIPLE, correct=(0, 3), choices=4),
        make_question(QuestionKind.TRUE_FALSE, correct=(0,)),
    ]
    for question in questions:
        question.general_feedback_fr = f"<p>{CANARY}-general</p>"
        question.general_feedback_ar = f"<p>{CANARY}-ar</p>"
        question.save()
        question.choices.update(feedback_fr=f"{CANARY}-choice", feedback_ar=f"{CANARY}-choice-ar")
    return make_quiz(module, questions=questions, shuffle_choices=True, shuffle_questions=True)


def pre_submission_responses(client, quiz) -> list[str]:
    attempt = Attempt.objects.filter(quiz=quiz).first()
    responses = [client.get(quiz.url), client.get(f"{quiz.url}attempt/{attempt.pk}/")]
    with_saved = client.post(
        f"{quiz.url}attempt/{attempt.pk}/", {"q1": "a", "q2": ["a", "b"], "action": "save"}, follow=True
    )
    for item in attempt.items.all():  # back to a blank attempt for the next run
        item.selected_choices.clear()
    return [without_csrf(r.content) for r in [*responses, with_saved]]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_flipping_correct_answers_changes_nothing_before_submission(client, enrolled, quiz, language):
    client.cookies.load({"django_language": language})
    client.post(quiz.url + "start/")
    before = pre_submission_responses(client, quiz)
    flip_correct_answers(quiz)
    after = pre_submission_responses(client, quiz)
    assert before == after


def test_feedback_never_reaches_the_browser_before_submission(client, enrolled, quiz):
    client.post(quiz.url + "start/")
    for html in pre_submission_responses(client, quiz):
        assert CANARY not in html
    attempt = Attempt.objects.get()
    client.post(f"{quiz.url}attempt/{attempt.pk}/", {"action": "submit"})
    assert CANARY in client.get(f"{quiz.url}attempt/{attempt.pk}/review/").content.decode()


def test_choice_values_are_letters_not_database_ids(client, enrolled, quiz):
    client.post(quiz.url + "start/")
    attempt = Attempt.objects.get()
    html = client.get(f"{quiz.url}attempt/{attempt.pk}/").content.decode()
    values = set(re.findall(r'name="q\d+" value="([^"]*)"', html))
    assert values <= set("abcd")

"""A notice tells each reader whom to turn to: the trainee asks the trainer, the trainer acts in the
administration, the task force and the OTE approvers are told the trainers have it in hand; nobody
is told to "ask your trainer" about their own work (issue 19)."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from home.roles import Role
from tests.factories.assessments import make_quiz
from tests.factories.courses import enrol

pytestmark = pytest.mark.django_db

EMPTY_QUIZ = {
    "trainee": "This quiz has no question yet: come back once your trainer has added them.",
    "trainer": (
        "This quiz has no question yet: add its questions in the administration before the trainees open it."
    ),
    "task_force": "This quiz has no question yet: the trainers have not added them.",
}


def words(text: str) -> str:
    return " ".join(text.split())


def page_text(response) -> str:
    return words(BeautifulSoup(response.content.decode(), "html.parser").get_text())


def text_of(response, selector: str) -> str:
    found = BeautifulSoup(response.content.decode(), "html.parser").select_one(selector)
    assert found is not None, selector
    return " ".join(found.get_text().split())


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("reader", list(EMPTY_QUIZ))
def test_an_empty_quiz_tells_each_reader_what_to_do(client, course, module, request, reader, language):
    person = request.getfixturevalue(reader)
    if reader == "trainee":
        enrol(person, course)
    quiz = make_quiz(module, questions=[])
    client.force_login(person)
    with translation.override(language):
        response = client.get(quiz.get_url())
        expected = translation.gettext(EMPTY_QUIZ[reader])
        your_trainer = translation.gettext(EMPTY_QUIZ["trainee"])
    assert expected != EMPTY_QUIZ[reader]
    assert text_of(response, ".quiz-empty") == words(expected)
    if reader != "trainee":
        assert words(your_trainer) not in page_text(response)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_approver_is_not_told_to_ask_a_trainer_to_be_enrolled(client, course, make_user, language):
    approver = make_user(Role.OTE_APPROVER)
    client.force_login(approver)
    with translation.override(language):
        response = client.get(course.get_url())
        expected = translation.gettext(
            "The content of this course is open to the trainees of the cohorts that follow it, "
            "to the trainers and to the task force."
        )
        ask_your_trainer = translation.gettext(
            "You are not enrolled in this course. Ask your trainer to add you to a cohort that follows it."
        )
    assert words(expected) in page_text(response)
    assert words(ask_your_trainer) not in page_text(response)


def test_a_trainee_outside_the_course_is_told_to_ask_the_trainer(client, course, trainee):
    client.force_login(trainee)
    assert "Demandez à votre formateur" in page_text(client.get(course.get_url()))

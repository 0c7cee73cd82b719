"""What a trainee sees before committing: an empty quiz says so, irreversible submissions ask first."""

import pytest
from django.utils.html import escape
from django.utils.translation import gettext

from tests.factories.assessments import make_question, make_quiz
from tests.factories.questionnaires import make_questionnaire

pytestmark = pytest.mark.django_db


def test_a_quiz_without_questions_says_so_and_cannot_be_started(client, enrolled, module):
    quiz = make_quiz(module, questions=[])
    html = client.get(quiz.url).content.decode()
    message = gettext("This quiz has no question yet: come back once your trainer has added them.")
    assert escape(message) in html
    assert 'action="' + quiz.url + 'start/"' not in html


def test_submitting_an_attempt_asks_for_confirmation(client, enrolled, module):
    quiz = make_quiz(module, questions=[make_question()])
    assert 'action="' + quiz.url + 'start/"' in client.get(quiz.url).content.decode()
    attempt_page = client.post(quiz.url + "start/", follow=True).content.decode()
    assert 'value="submit"' in attempt_page and "data-confirm=" in attempt_page
    assert 'value="save"' in attempt_page and attempt_page.count("data-confirm=") == 1


@pytest.mark.parametrize(("anonymity", "asks"), [("anonymous", True), ("named", False)])
def test_only_an_anonymous_questionnaire_asks_before_submitting(client, enrolled, anonymity, asks):
    """Named answers can still be changed until the questionnaire closes; anonymous ones cannot."""
    questionnaire = make_questionnaire(anonymity=anonymity)
    html = client.get(questionnaire.url).content.decode()
    assert ("data-confirm=" in html) is asks

"""The review of a submitted attempt teaches: wrong picks said in words, the trainer's feedback on
each choice, the accepted answer in the page's language, and a button to the next course step."""

import re
from urllib.parse import urljoin

import pytest
from django.utils import translation

from assessments.models import Attempt
from assessments.scoring import QuestionKind
from tests.conftest import translated
from tests.factories.assessments import make_question, make_quiz
from tests.factories.courses import add_lesson

pytestmark = pytest.mark.django_db


def url_in(page, language: str) -> str:
    with translation.override(language):
        return page.get_url()


@pytest.fixture
def quiz_then_lesson(module):
    questions = [
        make_question(QuestionKind.SINGLE, correct=(1,), choices=3),
        make_question(QuestionKind.SHORT),
    ]
    quiz = make_quiz(module, questions=questions)
    return quiz, add_lesson(module)


def choice_item(html: str, text: str) -> str:
    """The review's list item of the choice whose text is `text`."""
    return next(item for item in re.findall(r"<li class=\"review-choice.*?</li>", html, re.S) if text in item)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_review_marks_wrong_picks_gives_feedback_and_leads_on(
    client, enrolled, quiz_then_lesson, language
):
    quiz, next_lesson = quiz_then_lesson
    url = url_in(quiz, language)
    client.post(url + "start/")
    attempt = Attempt.objects.get()
    client.post(f"{url}attempt/{attempt.pk}/", {"action": "submit", "q1": "a", "q2": "autre chose"})
    html = client.get(f"{url}attempt/{attempt.pk}/review/").content.decode()
    first, second, third = (
        ("Choix 1", "Choix 2", "Choix 3") if language == "fr" else ("الاختيار 1", "الاختيار 2", "الاختيار 3")
    )
    feedback = "Retour sur le choix" if language == "fr" else "تعليق على الاختيار"

    picked = choice_item(html, first)  # the wrong pick, said in words (not by colour alone)
    assert translated("Your choice: incorrect", language) in picked and f"{feedback} 1" in picked
    correct = choice_item(html, second)
    assert translated("Correct answer", language) in correct and f"{feedback} 2" in correct
    other = choice_item(html, third)  # feedback where the trainer wrote it, picked or not
    assert f"{feedback} 3" in other and translated("Your choice: incorrect", language) not in other
    assert ("Explication" if language == "fr" else "شرح") in html  # the question's general feedback

    accepted = {"fr": "Réinsertion", "ar": "إعادة الإدماج"}
    other_language = "ar" if language == "fr" else "fr"
    assert accepted[language] in html and accepted[other_language] not in html
    assert translated("not accepted", language) in html

    review = f"{url}attempt/{attempt.pk}/review/"
    (onward,) = re.findall(r'href="([^"]*)" rel="next"', html)  # written from the review's address
    assert urljoin(review, onward) == url_in(next_lesson, language)
    assert translated("Next step:", language) in html

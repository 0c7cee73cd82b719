"""The language switch on a quiz attempt leads to the same attempt in the other language (issue 19)."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from assessments.models import Attempt
from assessments.scoring import QuestionKind
from tests.factories.assessments import make_question, make_quiz

pytestmark = pytest.mark.django_db


def switch_target(response, language: str) -> str:
    page = BeautifulSoup(response.content.decode(), "html.parser")
    links = page.select(f"a.language-switch[hreflang={language}]")
    assert len(links) == 1
    return links[0]["href"]


@pytest.fixture
def quiz(module):
    return make_quiz(module, questions=[make_question(QuestionKind.SINGLE)], max_attempts=2)


def url_in(page, language: str) -> str:
    with translation.override(language):
        return page.get_url()


def test_the_switch_on_an_attempt_leads_to_the_same_attempt_in_arabic_and_back(client, enrolled, quiz):
    client.post(url_in(quiz, "fr") + "start/")
    attempt = Attempt.objects.get(quiz=quiz, user=enrolled)
    french = f"{url_in(quiz, 'fr')}attempt/{attempt.pk}/"
    arabic = f"{url_in(quiz, 'ar')}attempt/{attempt.pk}/"
    assert french != arabic

    assert switch_target(client.get(french), "ar") == arabic
    response = client.get(arabic)
    assert response.status_code == 200
    assert switch_target(response, "fr") == french


def test_the_switch_on_a_quiz_overview_leads_to_the_overview(client, enrolled, quiz):
    assert switch_target(client.get(url_in(quiz, "fr")), "ar") == url_in(quiz, "ar")


def test_the_switch_keeps_the_query_string(client, enrolled, quiz):
    assert switch_target(client.get(url_in(quiz, "fr") + "?from=dashboard"), "ar") == (
        url_in(quiz, "ar") + "?from=dashboard"
    )


def test_the_switch_on_a_review_leads_to_the_same_review_in_arabic(client, enrolled, quiz):
    client.post(url_in(quiz, "fr") + "start/")
    attempt = Attempt.objects.get(quiz=quiz, user=enrolled)
    client.post(f"{url_in(quiz, 'fr')}attempt/{attempt.pk}/", {"action": "submit"})
    french = f"{url_in(quiz, 'fr')}attempt/{attempt.pk}/review/"
    response = client.get(french)
    assert response.status_code == 200
    assert switch_target(response, "ar") == f"{url_in(quiz, 'ar')}attempt/{attempt.pk}/review/"

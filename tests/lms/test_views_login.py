"""The log-in page says what went wrong once, in the visitor's language."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from tests.paths import path_to

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_wrong_password_is_reported_once(client, trainee, language):
    response = client.post(
        path_to("login", language=language), {"username": "trainee_a", "password": "wrong"}
    )
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert len(page.select("main .alert, main .invalid-feedback, main .errorlist, form .alert")) == 1
    expected = gettext_in(language, "Your username and password did not match. Please try again.")
    assert page.get_text().count(expected) == 1


def gettext_in(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)

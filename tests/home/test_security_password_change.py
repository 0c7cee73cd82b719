"""Guessing the current password in the password-change forms is limited, on the public site and in
the Wagtail admin: after five wrong ones even the right one is refused for 15 minutes (issue 17)."""

import pytest
from django.utils import translation
from django.utils.html import escape

from tests.conftest import PASSWORD
from tests.paths import path_to

pytestmark = pytest.mark.django_db

NEW = "Une-nouvelle-phrase-2026"


def site_change(client, old, language="fr"):
    data = {"old_password": old, "new_password1": NEW, "new_password2": NEW}
    return client.post(path_to("password_change", language=language), data)


def admin_change(client, old):
    data = {
        "password-old_password": old,
        "password-new_password1": NEW,
        "password-new_password2": NEW,
        "name_email-first_name": "Karim",
        "name_email-last_name": "Belhadj",
        "name_email-email": "trainer@example.org",
        "locale-preferred_language": "fr",
        "locale-current_time_zone": "",
        "theme-theme": "system",
        "theme-contrast": "system",
        "theme-density": "default",
        "theme-keyboard_shortcuts": "on",
    }
    return client.post(path_to("wagtailadmin_account"), data)


def locked_message(language: str) -> str:
    from home.forms import OLD_PASSWORD_LOCKED

    with translation.override(language):
        return escape(str(OLD_PASSWORD_LOCKED) % {"minutes": 15})  # as the page shows it


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_site_refuses_the_right_password_after_five_wrong_ones(client, trainee, language):
    client.force_login(trainee)
    for attempt in range(4):
        response = site_change(client, f"guess-{attempt}", language)
        assert response.status_code == 200 and locked_message(language) not in response.content.decode()
    response = site_change(client, "guess-5", language)
    assert locked_message(language) in response.content.decode()
    response = site_change(client, PASSWORD, language)
    assert response.status_code == 200
    assert locked_message(language) in response.content.decode()
    trainee.refresh_from_db()
    assert trainee.check_password(PASSWORD) and not trainee.check_password(NEW)
    assert locked_message("fr").startswith("Trop de") and locked_message("ar").startswith("عدد")


def test_site_counts_again_after_a_success(client, trainee):
    client.force_login(trainee)
    for attempt in range(4):
        site_change(client, f"guess-{attempt}")
    assert site_change(client, PASSWORD).status_code == 302
    client.force_login(trainee)
    for attempt in range(4):
        site_change(client, f"guess-{attempt}")
    response = site_change(client, NEW)  # four failures since the success: not locked
    assert response.status_code == 302


def test_admin_refuses_the_right_password_after_five_wrong_ones(client, trainer):
    client.force_login(trainer)
    for attempt in range(5):
        admin_change(client, f"guess-{attempt}")
    response = admin_change(client, PASSWORD)
    assert locked_message("fr") in response.content.decode()
    trainer.refresh_from_db()
    assert trainer.check_password(PASSWORD) and not trainer.check_password(NEW)

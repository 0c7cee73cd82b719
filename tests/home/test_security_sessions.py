"""How long a sign-in lasts, per role (home/sessions.py, issue 17): trainees 14 days; trainers, OTE
approvers and the task force 12 hours; administrators 12 hours and 30 minutes without a request."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from home.roles import Role
from tests.conftest import PASSWORD
from tests.paths import path_to

pytestmark = pytest.mark.django_db


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def signed_in(client) -> bool:
    # A page every signed-in person may read ("My learning path" sends staff on to their work).
    return client.get(path_to("lms:my_data"), follow=False).status_code == 200


def sign_in(client, username, moment):
    with at(moment):
        response = client.post(path_to("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return moment


@pytest.mark.parametrize(
    ("role", "still_in", "signed_out"),
    [
        (Role.TRAINEE, timedelta(days=13, hours=23), timedelta(days=14, minutes=1)),
        (Role.TRAINER, timedelta(hours=11, minutes=59), timedelta(hours=12, minutes=1)),
        (Role.OTE_APPROVER, timedelta(hours=11, minutes=59), timedelta(hours=12, minutes=1)),
        (Role.TASK_FORCE, timedelta(hours=11, minutes=59), timedelta(hours=12, minutes=1)),
    ],
)
def test_a_sign_in_lasts_as_long_as_the_role_allows(client, make_user, role, still_in, signed_out):
    make_user(role, username="someone")
    start = sign_in(client, "someone", timezone.now())
    with at(start + still_in):
        assert signed_in(client)
    with at(start + signed_out):
        assert not signed_in(client)


def test_staff_session_ends_even_when_the_cookie_was_asked_to_last(client, make_user):
    """Wagtail's "remember me" asks Django for its 14 days: the trainer's 12 hours still hold."""
    make_user(Role.TRAINER, username="trainer2")
    start = timezone.now()
    with at(start):
        response = client.post(
            path_to("wagtailadmin_login"), {"username": "trainer2", "password": PASSWORD, "remember": "on"}
        )
    assert response.status_code == 302
    with at(start + timedelta(hours=11)):
        assert client.get(path_to("wagtailadmin_home")).status_code == 200
    with at(start + timedelta(hours=12, minutes=1)):
        assert client.get(path_to("wagtailadmin_home")).status_code == 302


def test_administrator_is_signed_out_after_thirty_idle_minutes(client, db):
    get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    start = timezone.now()
    with at(start):
        assert (
            client.post(path_to("wagtailadmin_login"), {"username": "root", "password": PASSWORD}).status_code
            == 302
        )
    for minutes in (29, 58, 87):  # a request every 29 minutes keeps the session
        with at(start + timedelta(minutes=minutes)):
            assert client.get(path_to("wagtailadmin_home")).status_code == 200
    with at(start + timedelta(minutes=87 + 31)):
        response = client.get(path_to("wagtailadmin_home"))
    assert response.status_code == 302


def test_administrator_session_ends_after_twelve_hours_even_when_busy(client, db):
    get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    start = timezone.now()
    with at(start):
        client.post(path_to("wagtailadmin_login"), {"username": "root", "password": PASSWORD})
    moment = start
    while moment + timedelta(minutes=25) < start + timedelta(hours=12):
        moment += timedelta(minutes=25)
        with at(moment):
            assert client.get(path_to("wagtailadmin_home")).status_code == 200
    with at(start + timedelta(hours=12, minutes=1)):
        assert client.get(path_to("wagtailadmin_home")).status_code == 302


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_signed_out_user_is_told_why(client, trainer, language):
    start = sign_in(client, "trainer", timezone.now())
    with at(start + timedelta(hours=13)):
        response = client.get(path_to("lms:dashboard", language=language), follow=True)
    from home.sessions import SESSION_ENDED

    with translation.override(language):
        message = str(SESSION_ENDED)
    assert message in response.content.decode()
    assert message != "Your session has ended. Please sign in again."


@pytest.mark.parametrize(
    ("language", "lines"),
    [
        (
            "fr",
            [
                "Apprenants : déconnexion 14 jours après la connexion.",
                "Formateurs, approbateurs de l&#x27;OTE et membres de la task force : déconnexion "
                "12 heures après la connexion.",
                "Administrateurs : déconnexion 12 heures après la connexion, ou après 30 minutes "
                "sans activité.",
            ],
        ),
        (
            "ar",
            [
                "المتكوِّنون: تُنهى الجلسة بعد 14 يومًا من تسجيل الدخول.",
                "المشرفون على المنصة: تُنهى الجلسة بعد 12 ساعةً من تسجيل الدخول، أو بعد 30 دقيقةً دون نشاط.",
            ],
        ),
    ],
)
def test_privacy_notice_states_the_lifetimes_the_product_applies(client, site_tree, language, lines):
    content = client.get(path_to("lms:privacy_notice", language=language)).content.decode()
    for line in lines:
        assert line in content

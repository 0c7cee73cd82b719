import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.conftest import PASSWORD
from tests.paths import home_path, path_to


def login(client, username, password=PASSWORD, **extra):
    return client.post(path_to("login"), {"username": username, "password": password, **extra})


def test_login_then_logout(client, trainee):
    response = login(client, "trainee_a")
    assert response.status_code == 302
    assert client.get(home_path()).context["user"] == trainee
    response = client.post(path_to("logout"))
    assert response.status_code == 302
    assert not client.get(home_path()).context["user"].is_authenticated


def test_logout_refuses_get(client, trainee):
    client.force_login(trainee)
    assert client.get(path_to("logout")).status_code == 405


def test_wrong_password_shows_a_translated_error(client, trainee):
    response = client.post(
        path_to("login", language="ar"),
        {"username": "trainee_a", "password": "wrong"},
        HTTP_ACCEPT_LANGUAGE="ar",
    )
    assert response.status_code == 200
    with translation.override("ar"):
        expected = translation.gettext("Your username and password did not match. Please try again.")
    assert expected != "Your username and password did not match. Please try again."
    assert expected in response.content.decode()


def test_five_failures_lock_the_account_for_that_address(client, trainee):
    for _attempt in range(5):
        login(client, "trainee_a", "wrong")
    response = login(client, "trainee_a")  # even the right password is refused now
    assert response.status_code == 429
    assert "15 minutes" in response.content.decode()
    assert not client.get(home_path()).context["user"].is_authenticated


@pytest.mark.parametrize("target", ["https://evil.example.com/", "//evil.example.com/x", home_path()])
def test_next_never_leaves_the_site(client, trainee, target):
    response = login(client, "trainee_a", next=target)
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/") and not location.startswith("//")


def test_password_reset_answers_alike_for_known_and_unknown_addresses(client, trainee):
    known = client.post(reverse("password_reset"), {"email": trainee.email})
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [trainee.email]


def test_password_change_requires_login(client, site_tree):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]

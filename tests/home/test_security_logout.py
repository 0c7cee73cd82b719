"""Signing out takes a POST with its CSRF token, on the public site and in the admin: a link or a
cross-site form signs nobody out (issue 17)."""

import pytest
from django.conf import settings
from django.test import Client

from tests.paths import path_to

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("method", ["get", "head", "put"])
def test_admin_logout_link_neither_signs_out_nor_touches_the_cookie(client, trainer, method):
    client.force_login(trainer)
    response = getattr(client, method)(path_to("wagtailadmin_logout"))
    assert response.status_code == 405
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # Wagtail's view deleted it
    assert "Clear-Site-Data" not in response
    assert client.get(path_to("wagtailadmin_home")).status_code == 200


@pytest.mark.parametrize("path", [path_to("wagtailadmin_logout"), path_to("logout")])
def test_forged_logout_post_without_csrf_token_signs_nobody_out(trainer, path):
    client = Client(enforce_csrf_checks=True)
    client.force_login(trainer)
    response = client.post(path)
    assert response.status_code == 403
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert "Clear-Site-Data" not in response
    assert client.get(path_to("wagtailadmin_home")).status_code == 200


def test_admin_logout_by_post_signs_out_and_clears_the_cookie(client, trainer):
    client.force_login(trainer)
    response = client.post(path_to("wagtailadmin_logout"))
    assert response.status_code == 302
    assert response.cookies[settings.SESSION_COOKIE_NAME].value == ""
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert client.get(path_to("wagtailadmin_home")).status_code == 302  # to the sign-in page

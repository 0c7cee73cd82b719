"""Behind the reverse proxy, five wrong passwords lock the username for the attacker's address only:
the address comes from the trusted proxy's X-Forwarded-For, never from a header a client wrote."""

import pytest
from django.test import Client, override_settings

from home.security import client_ip_address
from tests.conftest import PASSWORD
from tests.paths import home_path, path_to

PROXY = "127.0.0.1"
ATTACKER, COLLEAGUE = "203.0.113.66", "198.51.100.7"

pytestmark = pytest.mark.django_db


def login(client, password, *, remote=PROXY, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(path_to("login"), {"username": "formateur", "password": password}, **headers)


@pytest.fixture
def formateur(make_user):
    from home.roles import Role

    return make_user(Role.TRAINER, username="formateur")


@override_settings(TRUSTED_PROXIES=[PROXY])
def test_attacker_behind_the_proxy_locks_only_their_own_address(client, formateur):
    for _attempt in range(5):
        login(client, "wrong", forwarded=ATTACKER)
    assert login(client, PASSWORD, forwarded=ATTACKER).status_code == 429  # locked out
    # A spoofed left-most entry does not help the attacker: nginx appends the real address.
    assert login(client, PASSWORD, forwarded=f"{COLLEAGUE}, {ATTACKER}").status_code == 429
    colleague = Client()
    response = login(colleague, PASSWORD, forwarded=COLLEAGUE)
    assert response.status_code == 302
    assert colleague.get(home_path()).context["user"] == formateur


@override_settings(TRUSTED_PROXIES=[PROXY])
def test_a_client_that_is_not_the_proxy_cannot_choose_its_address(client, formateur):
    """Sent straight to the application, a forged X-Forwarded-For is ignored: a new address each
    time does not reset the count."""
    for attempt in range(5):
        login(client, "wrong", remote=ATTACKER, forwarded=f"192.0.2.{attempt}")
    assert login(client, PASSWORD, remote=ATTACKER, forwarded="192.0.2.99").status_code == 429


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        (PROXY, ATTACKER, ATTACKER),
        (PROXY, f"10.9.9.9, {ATTACKER}", ATTACKER),  # the client's own header lies to the left
        (PROXY, f"{ATTACKER}, 10.0.0.2", ATTACKER),  # a second, trusted proxy is skipped
        (PROXY, "", PROXY),
        (PROXY, "not-an-address", PROXY),
        (ATTACKER, COLLEAGUE, ATTACKER),  # not a proxy: its header is not read
    ],
)
@override_settings(TRUSTED_PROXIES=[PROXY, "10.0.0.0/24"])
def test_client_ip_address(rf, remote, forwarded, expected):
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip_address(request) == expected


def test_without_trusted_proxies_the_connection_address_is_used(rf, settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip_address(rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)) == PROXY


def test_production_refuses_to_trust_every_address_as_a_proxy():
    from tests.home.test_settings_production import run_manage

    result = run_manage("check", SECRET_KEY="x" * 50, FORWARDED_ALLOW_IPS="*")
    assert result.returncode != 0 and "FORWARDED_ALLOW_IPS" in result.stderr

"""First log-in: the privacy notice, in Arabic on a phone and in French on a desktop."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from home.roles import Role, ensure_groups
from home.site_tree import ensure_home_page
from lms.models import ConsentRecord
from tests.conftest import PASSWORD

from .conftest import DESKTOP, PHONE

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def serious_violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG_AA)
    return [v["id"] for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]


@pytest.fixture
def live_site(live_server, transactional_db, settings):
    settings.PRIVACY_NOTICE_REQUIRED = True
    ensure_home_page()
    ensure_groups()
    return live_server.url


@pytest.mark.parametrize(("language", "viewport"), [("ar", PHONE), ("fr", DESKTOP)])
def test_first_log_in_asks_for_the_privacy_notice(
    live_site, make_user, new_page, screenshot, language, viewport
):
    trainee = make_user(Role.TRAINEE, username="amira")
    page = new_page(viewport=viewport, locale=language)
    page.goto(f"{live_site}/{language}/accounts/login/")
    page.locator("#id_username").fill("amira")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: f"/{language}/privacy/?next=" in url)
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert serious_violations(page) == []
    screenshot(page, f"{language}-notice")

    page.locator("main form button[type=submit]").first.click()
    error = page.locator("#form-errors")
    assert error.is_visible()
    assert not ConsentRecord.objects.filter(user=trainee).exists()
    screenshot(page, f"{language}-notice-error")

    page.locator("#id_accept").check()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**/{language}/my/")
    assert ConsentRecord.objects.get(user=trainee).language == language

"""First log-in: the privacy notice, in Arabic on a phone and in French on a desktop."""

import pytest

from home.roles import Role, ensure_groups
from home.site_tree import ensure_home_page
from lms.models import ConsentRecord

from .conftest import DESKTOP, PHONE, horizontal_overflow, log_in, serious_violations


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
    log_in(page, live_site, "amira", language)
    page.wait_for_url(lambda url: f"/{language}/privacy/?next=" in url)
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert horizontal_overflow(page) == 0
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

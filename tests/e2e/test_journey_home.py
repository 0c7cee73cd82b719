import pytest

from home.roles import ensure_groups
from home.site_tree import ensure_home_page

from .conftest import PHONE


@pytest.fixture
def live_site(live_server, transactional_db):
    ensure_home_page()
    ensure_groups()
    return live_server.url


def test_arabic_home_page_is_laid_out_right_to_left(live_site, new_page, screenshot):
    page = new_page(viewport=PHONE, locale="ar")
    page.goto(f"{live_site}/")
    assert page.url.endswith("/ar/")  # typed on purpose: the language prefix is what is checked
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # The brand sits on the right-hand side of the header in a right-to-left layout.
    brand = page.locator(".navbar-brand").bounding_box()
    toggler = page.locator(".navbar-toggler").bounding_box()
    assert brand["x"] > toggler["x"]
    # Nothing overflows a 360 px phone screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "ar-home")


def test_language_switcher_reaches_the_french_page(live_site, new_page):
    page = new_page(locale="ar")
    page.goto(f"{live_site}/ar/")
    page.get_by_role("link", name="Français").click()
    page.wait_for_url(f"{live_site}/fr/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("html").get_attribute("dir") == "ltr"

import pytest
from django.utils import translation

from courses.site_tree import ensure_course_index
from home.roles import Role, ensure_groups
from home.site_tree import ensure_home_page
from tests.conftest import PASSWORD
from tests.factories.courses import enrol, make_course

from .conftest import PHONE


@pytest.fixture
def enrolled_trainee(live_server, transactional_db, make_user):
    ensure_groups()
    ensure_course_index(ensure_home_page())
    course = make_course(modules=1, lessons=2)
    trainee = make_user(Role.TRAINEE, username="amira", first_name="Amira", last_name="Ben Ali")
    enrol(trainee, course)
    return trainee


def log_in(page, base_url, username):
    page.goto(f"{base_url}/fr/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base_url}/fr/my/")


def arabic(text: str) -> str:
    with translation.override("ar"):
        translated = translation.gettext(text)
    assert translated != text, f"{text!r} has no Arabic translation"
    return translated


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
def test_trainee_completes_a_lesson_in_arabic_and_sees_progress(
    live_server, enrolled_trainee, new_page, screenshot, viewport
):
    page = new_page(viewport=viewport)
    log_in(page, live_server.url, "amira")
    page.goto(f"{live_server.url}/fr/my/")
    page.locator("a.language-switch[hreflang=ar]").click()
    page.wait_for_url(f"{live_server.url}/ar/my/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".dashboard-course progress").get_attribute("value") == "0"
    screenshot(page, "dashboard-before")

    page.locator(".dashboard-course h3 a").click()
    page.get_by_role("link", name=arabic("Start the course")).click()
    assert "نص الدرس" in page.locator(".lesson-body").inner_text()
    screenshot(page, "lesson")
    page.get_by_role("button", name=arabic("Mark as complete")).click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/ar/my/")
    assert page.locator(".dashboard-course progress").get_attribute("value") == "50"
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, "dashboard-after")

"""Keyboard only, focus always visible. (axe-core's WCAG 2.1 AA check runs on every step of every
journey through the `step` fixture, and on the other page types in test_right_to_left.py.)"""

import pytest

from courses.models import StepProgress
from courses.site_tree import ensure_course_index
from home.roles import Role, ensure_groups
from home.site_tree import ensure_home_page
from tests.conftest import PASSWORD
from tests.factories.courses import enrol, lessons_of, make_course

from .conftest import ui

FOCUS_STYLE = """e => {
    const style = getComputedStyle(e);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
        || style.boxShadow !== 'none';
}"""


@pytest.fixture
def lesson_to_read(live_server, transactional_db, make_user):
    ensure_groups()
    ensure_course_index(ensure_home_page())
    trainee = make_user(Role.TRAINEE, username="yassine", first_name="Yassine", last_name="Chaabane")
    course = make_course(modules=1, lessons=2)
    enrol(trainee, course)
    return lessons_of(course)


def tab_to(page, predicate: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches `predicate`; every stop shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        assert focused.evaluate(FOCUS_STYLE), f"no visible focus on {focused.evaluate('e => e.outerHTML')}"
        if focused.evaluate(predicate):
            return
    raise AssertionError(f"{predicate} never got the focus")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_lesson_completed_with_the_keyboard_only(live_server, lesson_to_read, new_page, screenshot, language):
    base = live_server.url
    page = new_page(locale=language)
    page.goto(f"{base}/{language}/accounts/login/")
    assert page.evaluate("document.activeElement.id") == "id_username"  # focused on arrival
    page.keyboard.type("yassine")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/{language}/my/")
    # The skip link comes first, shows itself when focused and leads to the main content.
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("e => e === document.activeElement") and skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    start = ui("Start the course", language)
    tab_to(page, f"e => e.tagName === 'A' && e.textContent.includes({start!r})")
    page.keyboard.press("Enter")
    page.locator(".lesson-body").wait_for()
    mark = ui("Mark as complete", language)
    tab_to(page, f"e => e.tagName === 'BUTTON' && e.textContent.includes({mark!r})")
    screenshot(page, "focus-on-mark-complete")
    page.keyboard.press("Space" if language == "fr" else "Enter")
    second = lesson_to_read[1]
    page.wait_for_url(f"**/{second.slug_fr if language == 'fr' else second.slug_ar}/")  # the next lesson
    assert StepProgress.objects.filter(completed_at__isnull=False).count() == 1

"""A glossary term in a lesson (issue 23): its tip, the equivalent in the other language and the
definition, is hidden until the term is hovered or reached with the keyboard; then it shows whole,
inside the screen, on a desktop beside the term and on a phone across the bottom of the screen.
The tip is styled through its role and lang attributes (static/css/site.css), so this test is what
tells that the stylesheet and the markup (templates/courses/knowledge/glossary_term.html) agree."""

import pytest

from courses.site_tree import ensure_course_index
from home.roles import Role, ensure_groups
from home.site_tree import ensure_home_page
from lms.demo.knowledge_content import load_glossary
from tests.factories.courses import add_lesson, add_module, enrol, make_course
from tests.paths import page_path

from .conftest import DESKTOP, PHONE, log_in


@pytest.fixture
def lesson(live_server, transactional_db, make_user):
    ensure_groups()
    ensure_course_index(ensure_home_page())
    load_glossary()
    trainee = make_user(Role.TRAINEE, username="nour", first_name="Nour", last_name="Ben Salah")
    course = make_course(modules=0)
    body = [("paragraph", "<p>Un bon plaidoyer commence par un problème.</p>")]
    lesson = add_lesson(add_module(course), body=body)
    lesson.body_ar = [("paragraph", "<p>تبدأ المناصرة الجيّدة بمشكل واضح.</p>")]
    lesson.save_revision().publish()
    enrol(trainee, course)
    return lesson


def tip_box(page):
    return page.locator(".glossary-term > [role=tooltip]").first.bounding_box()


def tip_clipped(page) -> bool:
    """Clipped to nothing: out of sight, yet read by screen readers in place."""
    return page.locator(".glossary-term > [role=tooltip]").first.evaluate(
        "tip => getComputedStyle(tip).clipPath !== 'none'"
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize(
    ("language", "equivalent", "definition"),
    [("fr", "المناصرة", "Démarche délibérée"), ("ar", "plaidoyer", "مسار مدروس")],
    ids=["fr", "ar"],
)
def test_a_term_shows_its_tip_on_keyboard_focus_inside_the_screen(
    live_server, lesson, new_page, screenshot, language, equivalent, definition, viewport
):
    page = new_page(viewport=viewport)
    log_in(page, live_server.url, "nour", language)
    page.goto(live_server.url + page_path(lesson, language))
    term = page.locator(".glossary-term").first
    assert tip_clipped(page)
    assert tip_box(page)["width"] < 30  # its padding only: a hidden tip never widens the page

    term.focus()
    assert not tip_clipped(page)
    shown = tip_box(page)
    screenshot(page, "tip")
    assert shown["width"] > 150 and shown["height"] > 30
    assert shown["x"] >= 0 and shown["x"] + shown["width"] <= viewport["width"]
    tip = page.locator(".glossary-term > [role=tooltip]").first
    assert tip.locator("[lang]").inner_text() == equivalent
    # The equivalent on a line of its own (a block: the tip's text breaks after it), the definition
    # on the lines below it.
    equivalent_line, definition_text = tip.inner_text().split("\n", 1)
    assert equivalent_line == equivalent and definition_text.strip().startswith(definition)
    below = tip.locator("[lang]").bounding_box()
    assert shown["y"] + shown["height"] > below["y"] + below["height"] + 10
    if viewport == PHONE:  # across the bottom of the screen, whatever the term's place on the line
        assert shown["y"] + shown["height"] >= viewport["height"] - 40

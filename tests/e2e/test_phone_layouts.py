"""Phone layouts (issue 19): at 360 px, in French and Arabic, the review area and the reports do not
scroll sideways (their tables reflow into labelled rows), and a lesson's course outline comes after
the lesson, closed, opened from its summary by keyboard; on a desktop it is open beside the lesson.
Switching language on a long lesson keeps the reader's place."""

import pytest
from django.utils import translation

from assessments.questionnaires import ItemValue, submit_response
from courses.site_tree import ensure_course_index
from home.roles import Role, ensure_groups
from home.site_tree import ensure_home_page
from lms.training.plans import AttendanceEntry, record_attendance
from tests.factories.courses import add_lesson, enrol, make_course
from tests.factories.plans import make_plan
from tests.factories.questionnaires import make_questionnaire

from .conftest import DESKTOP, PHONE, log_in

BLOCKS = 30
LONG_BODY_FR = [("paragraph", f"<p>Paragraphe {n}. {'Texte. ' * 60}</p>") for n in range(BLOCKS)]
LONG_BODY_AR = [("paragraph", f"<p>الفقرة {n}. {'نص. ' * 60}</p>") for n in range(BLOCKS)]


@pytest.fixture
def site(live_server, transactional_db, make_user):
    ensure_groups()
    ensure_course_index(ensure_home_page())
    trainee = make_user(
        Role.TRAINEE, username="nour", first_name="Nour-El-Houda", last_name="Ben Abdelkader-Mastouri"
    )
    make_user(Role.TASK_FORCE, username="leila", first_name="Leila", last_name="Trabelsi")
    course = make_course(modules=2, lessons=3)
    module = course.get_children().first().specific
    lesson = add_lesson(module, body=LONG_BODY_FR)
    lesson.body_ar = LONG_BODY_AR
    lesson.save_revision().publish()
    cohort = enrol(trainee, course)
    needs = make_questionnaire()
    submit_response(
        user=trainee,
        questionnaire=needs,
        values={item.pk: ItemValue(number=2, importance=5) for item in needs.items.filter(kind="competence")},
    )
    plan = make_plan(cohort=cohort, live=True)
    workshop = plan.workshops.get()
    record_attendance(workshop=workshop, entries=[AttendanceEntry(trainee.pk, "present")])
    urls = {}
    for language in ("fr", "ar"):
        with translation.override(language):
            urls[language] = {"lesson": lesson.url, "plan": plan.url}
    review = [
        "review/",
        f"review/questionnaires/{needs.pk}/",
        f"review/questionnaires/{needs.pk}/minutes/",
        f"review/plans/{plan.pk}/report/",
        f"review/plans/{plan.pk}/workshops/{workshop.pk}/report/",
    ]
    return {"urls": urls, "review": review}


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_review_area_and_reports_fit_a_phone(live_server, site, new_page, screenshot, language):
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url, "leila", language)
    for path in site["review"]:
        response = page.goto(f"{live_server.url}/{language}/{path}")
        assert response.status == 200, path
        screenshot(page, path.replace("/", "-"))
        assert page_width(page) <= 360, f"/{language}/{path} scrolls sideways at 360 px"
    # The header keeps the page's gutter: the logo does not touch the edge of the screen.
    brand = page.locator(".navbar-brand").bounding_box()
    assert brand["x"] >= 8 and brand["x"] + brand["width"] <= 360 - 8
    # The attendance table reflows: each cell says which column it belongs to.
    cell = page.locator("table.table-reflow td[data-label]").first
    label = cell.get_attribute("data-label")
    assert cell.evaluate("e => getComputedStyle(e, '::before').content") == f'"{label}"'
    assert cell.evaluate("e => getComputedStyle(e).display") == "flex"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_lesson_outline_is_closed_under_the_lesson_on_a_phone(live_server, site, new_page, language):
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url, "nour", language)
    page.goto(live_server.url + site["urls"][language]["lesson"])
    assert page_width(page) <= 360
    outline = page.locator("details.lesson-outline")
    assert outline.evaluate("e => e.open") is False
    assert not page.locator(".outline-steps").first.is_visible()
    body_bottom = page.locator(".lesson-body").evaluate("e => e.getBoundingClientRect().bottom")
    assert outline.evaluate("e => e.getBoundingClientRect().top") > body_bottom
    # A keyboard opens it: the summary takes the focus and Enter toggles it.
    summary = outline.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert outline.evaluate("e => e.open") is True
    assert page.locator(".outline-steps").first.is_visible()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_lesson_outline_is_open_beside_the_lesson_on_a_desktop(live_server, site, new_page, language):
    page = new_page(viewport=DESKTOP)
    log_in(page, live_server.url, "nour", language)
    page.goto(live_server.url + site["urls"][language]["lesson"])
    assert page.locator("details.lesson-outline").evaluate("e => e.open") is True
    assert page.locator(".outline-steps").first.is_visible()


def test_switching_language_keeps_the_place_in_a_long_lesson(live_server, site, new_page):
    """The reader scrolls back up to the switch in the header: Arabic opens at the block read."""
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url, "nour", "fr")
    page.goto(live_server.url + site["urls"]["fr"]["lesson"])
    page.locator(".lesson-body > *").nth(20).evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(200)  # the page notes the furthest block read as it scrolls
    page.locator("a.language-switch").click()
    page.wait_for_url("**" + site["urls"]["ar"]["lesson"])
    page.wait_for_load_state()
    block = page.locator(".lesson-body > *").nth(20)
    assert block.inner_text().startswith("الفقرة 20.")
    top = block.evaluate("e => e.getBoundingClientRect().top")
    assert -5 <= top <= 50, top

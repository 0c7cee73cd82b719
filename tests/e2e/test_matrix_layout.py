"""The progress matrix at a glance, as the trainer sees it in the admin: 10 trainees × 27 steps on a
1280 px screen and on a 360 px phone, in French and Arabic (mirrored: names on the right). The steps
scroll inside the table's own frame while the names (and, on a desktop, the totals) stay in view;
the page itself never scrolls sideways; a heading's full title shows on keyboard focus and on hover;
the behind-schedule filter keeps those behind; axe finds nothing serious."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from assessments.models.quiz import QuizPurpose
from courses.progress import mark_step_complete
from courses.site_tree import ensure_course_index
from home.roles import Role, ensure_groups
from home.site_tree import ensure_home_page
from tests.factories.assessments import make_quiz
from tests.factories.courses import enrol, make_course

from .conftest import DESKTOP, JOURNEY_RUNS, PHONE, horizontal_overflow, open_admin, ui

NAMES = [
    ("Amira", "Ben Ali"),
    ("Mohamed", "Trabelsi"),
    ("Sonia", "Mejri"),
    ("Yassine", "Chaabane"),
    ("Ines", "Hammami"),
    ("Walid", "Jendoubi"),
    ("Rim", "Bouazizi"),
    ("Skander", "Karoui"),
    ("Nour", "Ayari"),
    ("Farès", "Khelifi"),
]


@pytest.fixture
def cohort_of_ten(live_server, transactional_db, make_user, language):
    """Six modules of four lessons and three graded quizzes (27 steps); trainee n completed 3n steps;
    the cohort is half-way through its dates, so those more than 10 points under 50 % are behind."""
    ensure_groups()
    ensure_course_index(ensure_home_page())
    trainer = make_user(Role.TRAINER, username="karim", first_name="Karim", last_name="Belhadj")
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = language
    profile.save()
    course = make_course(modules=6, lessons=4)
    for module in list(course.get_children())[:3]:
        make_quiz(module.specific, purpose=QuizPurpose.GRADED)
    steps = list(course.get_descendants().filter(depth=course.depth + 2).order_by("path"))  # lessons, quizzes
    assert len(steps) == 27
    cohort = None
    for rank, (first, last) in enumerate(NAMES):
        trainee = make_user(Role.TRAINEE, first_name=first, last_name=last)
        cohort = enrol(trainee, course, cohort=cohort)
        for step in steps[: 3 * rank]:
            graded = step.specific_class.__name__ == "QuizPage"
            mark_step_complete(user=trainee, page=step, score=80 if graded else None)
    today = timezone.localdate()
    cohort.start_date, cohort.end_date = today - timedelta(days=60), today + timedelta(days=60)
    cohort.save()
    return cohort


def _box(locator) -> dict:
    box = locator.bounding_box()
    assert box is not None
    return box


def _inside(inner: dict, outer: dict, *, slack: float = 1.0) -> bool:
    return (
        inner["x"] >= outer["x"] - slack
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack
    )


@JOURNEY_RUNS
def test_matrix_of_ten_by_twenty_seven_keeps_names_and_totals_in_view(
    live_server, cohort_of_ten, new_page, step, language, viewport
):
    base = live_server.url
    page = new_page(viewport=viewport, locale=language)
    open_admin(page, base, "karim", language)
    page.goto(f"{base}/admin/progress/{cohort_of_ten.pk}/")
    matrix = page.locator(".progress-matrix")
    expect(matrix.locator("tbody tr")).to_have_count(10)
    expect(matrix.locator("thead .matrix-step")).to_have_count(27)
    step(page, "matrix", admin=True)  # axe, and the page does not scroll sideways
    frame = page.locator(".progress-matrix-wrap")
    screen = {"x": 0, "width": viewport["width"]}
    assert _inside(_box(frame), screen), "the table's frame fits the screen"
    assert page.evaluate("(w) => w.scrollWidth > w.clientWidth", frame.element_handle()), "the steps scroll"

    first_name = matrix.locator("tbody tr").first.locator(".matrix-name")
    first_total = matrix.locator("tbody tr").first.locator(".matrix-total")
    # Scrolled to the last step (towards the left in Arabic): the names are still in view, and on a
    # desktop the totals too.
    to_the_end = (
        "(w) => { w.scrollLeft = (getComputedStyle(w).direction === 'rtl' ? -1 : 1) * w.scrollWidth; }"
    )
    frame.evaluate(to_the_end)
    page.wait_for_timeout(100)
    assert frame.evaluate("(w) => Math.abs(w.scrollLeft)") > 0
    frame_box = _box(frame)
    assert _inside(_box(first_name), frame_box), "the names stay in view while the steps scroll"
    if viewport == DESKTOP:
        assert _inside(_box(first_total), frame_box), "the totals stay in view while the steps scroll"
    # Mirrored in Arabic: the names on the right, the totals on the left.
    name_x, total_x = _box(first_name)["x"], _box(first_total)["x"]
    assert (name_x > total_x) if language == "ar" else (name_x < total_x)
    step(page, "matrix-scrolled", admin=True, axe=False)
    assert horizontal_overflow(page) == 0

    # A heading's full title on keyboard focus, then on hover.
    frame.evaluate("(w) => { w.scrollLeft = 0; }")
    heading = matrix.locator(".matrix-step-short").first
    heading.focus()
    expect(matrix.locator(".matrix-step-full").first).to_be_visible()
    expect(matrix.locator(".matrix-step-full").first).to_contain_text(" / ")
    page.evaluate("document.activeElement.blur()")
    expect(matrix.locator(".matrix-step-full").first).to_be_hidden()
    matrix.locator(".matrix-step").nth(1).hover()
    expect(matrix.locator(".matrix-step-full").nth(1)).to_be_visible()
    step(page, "matrix-heading-title", admin=True, axe=False)

    # Behind schedule: more than the leeway (10 points) under 50 %, half-way through the cohort's
    # dates: 0, 3, 6 and 9 of 27 steps (0 to 33 %); 12 of 27 (44 %) is within the leeway.
    page.get_by_role("link", name=ui("Behind schedule", language)).click()
    page.wait_for_load_state()
    expect(matrix.locator("tbody tr")).to_have_count(4)
    expect(matrix.locator("tbody")).not_to_contain_text("Khelifi")
    expect(page.get_by_role("link", name=ui("Download XLSX", language))).to_be_visible()
    step(page, "matrix-behind", admin=True)
    if viewport == PHONE:
        assert _box(page.locator(".matrix-exports a").first)["y"] < _box(frame)["y"]

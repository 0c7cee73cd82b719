"""The trainer's journey in the Wagtail admin (in the account's language): create a lesson in
French and Arabic and publish it → build a quiz from the question bank → mark a workshop's
attendance → read the progress matrix, in French and Arabic, desktop and phone."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from assessments.models import QuizPage
from assessments.scoring import QuestionKind
from courses.models import LessonPage
from courses.progress import mark_step_complete
from courses.site_tree import ensure_course_index
from home.roles import Role, ensure_groups
from home.site_tree import ensure_home_page
from lms.models import Attendance
from tests.factories.assessments import make_question
from tests.factories.courses import enrol, lessons_of, make_course
from tests.factories.plans import make_plan

from .conftest import DESKTOP, JOURNEY_RUNS, PHONE, horizontal_overflow, open_admin, ui

TEXTS = {
    "fr": {"title": "Rédiger une note conceptuelle", "body": "Une note conceptuelle tient en deux pages."},
    "ar": {"title": "كتابة مذكرة مفاهيمية", "body": "تتكون المذكرة المفاهيمية من صفحتين."},
}


@pytest.fixture
def classroom(live_server, transactional_db, make_user, language, settings):
    # Wagtail 7.4 autosaves the form every 500 ms, creating the page in the background; at a
    # test's typing speed that request races the Publish click (both create: "slug already in
    # use"). Autosave is Wagtail's own feature: it is off here so the journey tests ours.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    ensure_groups()
    ensure_course_index(ensure_home_page())
    trainer = make_user(Role.TRAINER, username="karim", first_name="Karim", last_name="Belhadj")
    profile = UserProfile.get_for_user(trainer)  # the admin speaks the account's language
    profile.preferred_language = language
    profile.save()
    course = make_course(modules=1, lessons=2)
    trainees = [make_user(Role.TRAINEE, first_name=name, last_name="T") for name in ("Amira", "Walid")]
    cohort = enrol(trainees[0], course)
    cohort.trainees.add(trainees[1])
    mark_step_complete(user=trainees[0], page=lessons_of(course)[0])
    question = make_question(QuestionKind.SINGLE)
    plan = make_plan(cohort=cohort)
    return {
        "module": course.get_children().first(),
        "cohort": cohort,
        "question": question,
        "workshop": plan.workshops.get(),
    }


def show_both_languages(page):
    """The editor shows both languages' fields until one is hidden (static/js/admin-languages.js)."""
    for code in ("fr", "ar"):
        expect(page.locator(f".field-languages__toggle[lang={code}]")).to_have_attribute(
            "aria-pressed", "true"
        )


def publish(page):
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("footer button[name=action-publish]").click()
    page.wait_for_url("**/admin/pages/*/", timeout=30_000)  # back to the page listing


def add_paragraph(page, language, text, admin_language):
    panel = page.locator(f"[id$='-body_{language}-content']")
    panel.locator(".c-sf-add-button").first.click()
    page.get_by_role("option", name=ui("Text", admin_language), exact=True).click()  # a paragraph
    editor = panel.locator("[contenteditable=true]").first
    editor.click()
    expect(editor).to_be_focused()
    page.keyboard.type(text)
    # Draftail keeps the block's content in a hidden field: wait until it holds the text.
    stored = page.locator(f"input[name='body_{language}-0-value']")
    expect(stored).to_have_value(re.compile(re.escape(text)))


@JOURNEY_RUNS
def test_trainer_journey(live_server, classroom, new_page, step, language, viewport):
    base = live_server.url
    page = new_page(viewport=viewport, locale=language)
    open_admin(page, base, "karim", language)
    step(page, "admin", axe=False)  # Wagtail's own dashboard

    # A lesson, written in both languages, published.
    page.goto(f"{base}/admin/pages/add/courses/lessonpage/{classroom['module'].pk}/")
    show_both_languages(page)
    for code in ("fr", "ar"):
        page.locator(f"#id_title_{code}").fill(TEXTS[code]["title"])
        add_paragraph(page, code, TEXTS[code]["body"], language)
    # Wagtail's edit form with our panels and admin.css: its phone layout is Wagtail's own, so axe
    # reads this large page once per language, on the desktop.
    step(page, "new-lesson", admin=True, overflow=False, axe=viewport == DESKTOP)
    publish(page)
    lesson = LessonPage.objects.get(title_fr=TEXTS["fr"]["title"])
    assert lesson.live and lesson.title_ar == TEXTS["ar"]["title"]
    assert TEXTS["ar"]["body"] in str(lesson.body_ar[0].value)
    step(page, "lesson-published", axe=False)  # Wagtail's own page listing

    # A quiz built from the question bank.
    page.goto(f"{base}/admin/pages/add/assessments/quizpage/{classroom['module'].pk}/")
    show_both_languages(page)
    page.locator("#id_title_fr").fill("Quiz : la note conceptuelle")
    page.locator("#id_title_ar").fill("اختبار: المذكرة المفاهيمية")
    page.locator("#id_slots-ADD").click()
    # The slot's question, chosen from the bank in Wagtail's chooser.
    page.locator("#inline_child_slots-0-panel-content .chooser__choose-button").first.click()
    page.locator(".modal a[data-chooser-modal-choice]").first.click()
    page.locator(".modal").wait_for(state="hidden")
    assert page.locator("#id_slots-0-question").input_value() == str(classroom["question"].pk)
    step(page, "new-quiz", admin=True, overflow=False, axe=viewport == DESKTOP)
    publish(page)
    quiz = QuizPage.objects.get(title_fr="Quiz : la note conceptuelle")
    assert quiz.live and quiz.slots.get().question == classroom["question"]

    # Attendance of the first workshop.
    page.goto(f"{base}/admin/attendance/")
    step(page, "attendance-workshops", admin=True)
    page.locator(f"a[href$='/attendance/{classroom['workshop'].pk}/']").click()
    lines = page.locator(".attendance-line")
    lines.nth(0).locator("input[value=present]").check()
    lines.nth(1).locator("input[value=late]").check()
    lines.nth(1).locator("input[type=text]").fill("9 h 40")
    step(page, "attendance-sheet", admin=True)
    page.locator(".attendance-sheet button[type=submit]").click()
    page.wait_for_load_state()
    assert Attendance.objects.filter(status__in=["present", "late"]).count() == 2

    # The progress matrix: every trainee, every step, in words and figures.
    page.goto(f"{base}/admin/progress/")
    step(page, "progress-cohorts", admin=True)
    page.locator(f"a[href$='/progress/{classroom['cohort'].pk}/']").first.click()
    matrix = page.locator(".progress-matrix")
    expect(matrix.locator("tbody tr")).to_have_count(2)
    expect(matrix.locator("tbody")).to_contain_text("1 / ")
    step(page, "progress-matrix", admin=True, overflow=False)
    if viewport == PHONE:  # the wide matrix scrolls inside its own frame, not the page
        assert horizontal_overflow(page) == 0


@pytest.mark.parametrize(
    "language, viewport", [("fr", DESKTOP), ("ar", PHONE)], ids=["fr-desktop", "ar-phone"]
)
def test_trainer_sees_who_needs_a_nudge(live_server, classroom, new_page, step, language, viewport):
    """The dashboard's board (issue 19): the trainee behind the cohort's calendar, one click from
    the progress matrix where the trainer follows it up."""
    from datetime import timedelta

    from django.utils import timezone

    cohort = classroom["cohort"]
    cohort.start_date = timezone.localdate() - timedelta(days=30)
    cohort.end_date = timezone.localdate() + timedelta(days=30)
    cohort.save()
    base = live_server.url
    page = new_page(viewport=viewport, locale=language)
    open_admin(page, base, "karim", language)
    board = page.locator("#nudge-board-section")
    expect(board).to_contain_text(ui("Who needs a nudge", language))
    behind = board.locator("#nudge-behind li")
    # Halfway through the calendar: Amira (one lesson of two) is on schedule, Walid (none) is not.
    expect(behind).to_have_count(1)
    expect(behind).to_contain_text("Walid T")
    step(page, "nudge-board", admin=True, overflow=viewport == PHONE)
    behind.first.locator("a").click()
    page.wait_for_url(f"**/admin/progress/{cohort.pk}/")
    expect(page.locator(".progress-matrix tbody tr")).to_have_count(2)

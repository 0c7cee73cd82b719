"""The trainee's journey: log in (accepting the privacy notice) → dashboard → lesson → mark
complete → quiz → review → needs assessment → certificate, in French and Arabic, desktop and phone."""

import pytest
from django.utils import translation

from assessments.models import Attempt, Response
from assessments.scoring import QuestionKind
from courses.models import StepProgress
from courses.site_tree import ensure_course_index
from home.roles import Role, ensure_groups
from home.site_tree import ensure_home_page
from lms.models import ConsentRecord
from tests.factories.assessments import make_question, make_quiz
from tests.factories.courses import enrol, make_course
from tests.factories.questionnaires import make_questionnaire

from .conftest import DESKTOP, JOURNEY_RUNS, PHONE, log_in, ui

# A short answer typed without accents or hamza: still accepted.
SHORT_ANSWERS = {"fr": "reinsertion", "ar": "اعادة الادماج"}


@pytest.fixture
def course_site(live_server, transactional_db, make_user, settings):
    settings.PRIVACY_NOTICE_REQUIRED = True
    ensure_groups()
    ensure_course_index(ensure_home_page())
    trainee = make_user(Role.TRAINEE, username="amira", first_name="Amira", last_name="Ben Ali")
    course = make_course(modules=1, lessons=1)
    enrol(trainee, course)
    module = course.get_children().first().specific
    quiz = make_quiz(
        module, questions=[make_question(QuestionKind.SINGLE), make_question(QuestionKind.SHORT)]
    )
    questionnaire = make_questionnaire()
    return {"trainee": trainee, "course": course, "quiz": quiz, "questionnaire": questionnaire}


def open_user_menu(page):
    """On a phone the menu is folded behind the toggler first."""
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
        page.locator("#site-nav").wait_for(state="visible")
    page.locator(".site-header .dropdown-toggle").click()
    page.locator(".site-header .dropdown-menu").wait_for(state="visible")


def fill_questionnaire(page, questionnaire):
    for item in questionnaire.items.all():
        if item.kind == "competence":
            page.locator(f"input[name=i{item.pk}_level][value='2']").check()
            page.locator(f"input[name=i{item.pk}_importance][value='5']").check()
        elif item.kind == "ranking":
            for rank in (1, 2, 3):
                page.locator(f"select[name=i{item.pk}_rank{rank}]").select_option(index=rank)
        elif item.kind in {"single", "rating", "availability"}:
            page.locator(f"input[name=i{item.pk}]").first.check()


@JOURNEY_RUNS
def test_trainee_journey(live_server, course_site, new_page, step, language, viewport):
    base = live_server.url
    page = new_page(viewport=viewport, locale=language)

    page.goto(f"{base}/{language}/accounts/login/")
    step(page, "login")
    log_in(page, base, "amira", language)
    # First log-in: the privacy notice, accepted once.
    assert "/privacy/" in page.url
    step(page, "privacy-notice")
    page.locator("#id_accept").check()
    page.get_by_role("button", name=ui("Accept and continue", language)).click()
    page.wait_for_url(f"{base}/{language}/my/")
    assert ConsentRecord.objects.filter(user=course_site["trainee"]).exists()

    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator(".dashboard-course progress").get_attribute("value") == "0"
    step(page, "dashboard")

    page.locator(".dashboard-course").get_by_role("link", name=ui("Start the course", language)).click()
    with translation.override(language):
        lesson_text = "نص الدرس" if language == "ar" else "Un texte de leçon"
    assert lesson_text in page.locator(".lesson-body").inner_text()
    if language == "ar":  # arrows that point forward follow the reading direction
        transform = page.locator(".step-nav .dir-icon").first.evaluate("e => getComputedStyle(e).transform")
        assert transform.startswith("matrix(-1")
    step(page, "lesson")
    # Marking the lesson complete goes on to the next step: the quiz.
    page.get_by_role("button", name=ui("Mark as complete", language)).click()
    page.wait_for_url(f"**{course_site['quiz'].slug if language == 'fr' else course_site['quiz'].slug_ar}/")
    assert StepProgress.objects.filter(completed_at__isnull=False).count() == 1

    step(page, "quiz")
    page.get_by_role("button", name=ui("Start the quiz", language)).click()
    page.locator("#q1-a").check()
    # "Save and finish later" keeps the answers given so far.
    page.get_by_role("button", name=ui("Save and finish later", language)).click()
    assert page.locator("#q1-a").is_checked()
    page.locator("#id_q2").fill(SHORT_ANSWERS[language])
    step(page, "attempt")
    submit = page.get_by_role("button", name=ui("Submit my answers", language))
    # Submitting cannot be undone: a confirmation is asked first, and "cancel" keeps the attempt open.
    page.once("dialog", lambda dialog: dialog.dismiss())
    submit.click()
    assert Attempt.objects.get().is_open
    page.once("dialog", lambda dialog: dialog.accept())
    submit.click()
    page.wait_for_url("**/review/")
    assert "100" in page.locator(".review-summary").inner_text()
    step(page, "review")

    page.goto(f"{base}/{language}/my/")
    assert page.locator(".dashboard-course progress").get_attribute("value") == "100"
    questionnaire = course_site["questionnaire"]
    with translation.override(language):
        title = questionnaire.title
    page.get_by_role("link", name=title).click()
    step(page, "needs-assessment")
    answered = page.locator("[data-answer-progress] progress")
    assert answered.evaluate("e => [e.value, e.max]") == [0, questionnaire.items.count()]
    fill_questionnaire(page, questionnaire)
    # Every question but the optional comment: the progress says so as the trainee goes.
    assert answered.evaluate("e => e.value") == questionnaire.items.count() - 1
    page.get_by_role("button", name=ui("Submit my answers", language)).click()
    page.wait_for_url("**/thanks/")
    assert Response.objects.get().status == "submitted"
    step(page, "thanks")

    open_user_menu(page)
    page.get_by_role("link", name=ui("My certificates", language)).click()
    step(page, "certificates")
    href = page.get_by_role("link", name=ui("Download the certificate (PDF)", language)).get_attribute("href")
    if viewport == DESKTOP:  # the same document whatever the screen: downloaded once per language
        pdf = page.request.get(base + href)
        assert pdf.ok and pdf.body().startswith(b"%PDF")
    if viewport == PHONE:
        assert page.locator(".navbar-toggler").is_visible()

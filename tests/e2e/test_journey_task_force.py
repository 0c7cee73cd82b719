"""The task force's journey: review area → needs-assessment results → minutes (read only) and
their PDF → training report → workshop report; and the trainer's: minutes recorded (error summary,
then saved) and adopted. In French and Arabic, desktop and phone."""

import pytest
from django.utils import translation

from assessments.models import MeetingMinutes
from assessments.questionnaires import ItemValue, submit_response
from courses.models import Cohort
from home.roles import Role, ensure_groups
from home.site_tree import ensure_home_page
from lms.training.plans import AttendanceEntry, record_attendance
from tests.factories.plans import make_plan
from tests.factories.questionnaires import make_questionnaire

from .conftest import DESKTOP, JOURNEY_RUNS, SCREENSHOTS, log_in, ui


@pytest.fixture
def results(live_server, transactional_db, make_user):
    ensure_groups()
    ensure_home_page()
    make_user(Role.TASK_FORCE, username="leila", first_name="Leila", last_name="Trabelsi")
    make_user(Role.TRAINER, username="karim", first_name="Karim", last_name="Belhadj")
    cohort = Cohort.objects.create(name="Cohorte pilote")
    trainees = [
        make_user(Role.TRAINEE, first_name=name, last_name="T") for name in ("Amira", "Walid", "Sonia")
    ]
    cohort.trainees.set(trainees)
    needs = make_questionnaire()
    for level, trainee in enumerate(trainees, start=2):
        values = {
            item.pk: ItemValue(number=level, importance=5) for item in needs.items.filter(kind="competence")
        }
        submit_response(user=trainee, questionnaire=needs, values=values)
    plan = make_plan(cohort=cohort)
    workshop = plan.workshops.get()
    record_attendance(
        workshop=workshop,
        entries=[
            AttendanceEntry(trainees[0].pk, "present"),
            AttendanceEntry(trainees[1].pk, "late", "9 h 40"),
            AttendanceEntry(trainees[2].pk, "absent"),
        ],
    )
    return {"needs": needs, "plan": plan, "workshop": workshop}


def follow_nav(page, name):
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
        page.locator("#site-nav").wait_for(state="visible")
    page.locator("#site-nav").get_by_role("link", name=name).click()


def assert_pdf(page, base, link, viewport):
    if viewport != DESKTOP:  # the same document whatever the screen: downloaded once per language
        return
    response = page.request.get(base + link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


@JOURNEY_RUNS
def test_task_force_journey(live_server, results, new_page, step, language, viewport):
    base = live_server.url
    page = new_page(viewport=viewport, locale=language)
    log_in(page, base, "leila", language)
    follow_nav(page, ui("Review area", language))
    step(page, "review-area")

    with translation.override(language):
        needs_title, plan_title = results["needs"].title, results["plan"].title
        workshop_title = results["workshop"].title
    page.locator("main").get_by_role("link", name=needs_title).click()
    # Charts carry their numbers in text, not only as bar lengths.
    # (a bar with no answer says so in words: "Aucune réponse (0 %)", "لا توجد أي إجابة (0 %)").
    assert any(character.isdigit() for character in page.locator(".bar-figure").first.inner_text())
    step(page, "needs-results")

    page.get_by_role("link", name=ui("Meeting minutes", language), exact=True).click()
    # The task force reads the minutes: the trainer records and adopts them.
    assert page.get_by_role("link", name=ui("Record the minutes", language)).count() == 0
    step(page, "minutes-not-recorded")
    MeetingMinutes.objects.create(
        questionnaire=results["needs"],
        meeting_date="2026-11-20",
        participants_fr="Leila Trabelsi, task force",
    )
    page.reload()
    assert page.get_by_role("button", name=ui("Adopt the minutes", language)).count() == 0
    step(page, "minutes")
    assert_pdf(page, base, page.get_by_role("link", name=ui("Download the PDF", language)), viewport)

    page.get_by_role("link", name=ui("Review area", language), exact=True).first.click()
    page.locator("main").get_by_role("link", name=plan_title).click()
    step(page, "training-report")
    page.locator("main").get_by_role("link", name=workshop_title).click()
    assert "67" in page.locator("main").inner_text()  # 2 of 3 attended (present or late)
    step(page, "workshop-report")
    assert_pdf(page, base, page.get_by_role("link", name=ui("Download the PDF", language)), viewport)
    if viewport == DESKTOP:  # printed from the browser: the report alone, tables kept whole
        page.emulate_media(media="print")
        assert not page.locator(".site-header").is_visible()
        assert not page.locator("main .btn").first.is_visible()
        assert page.locator("main table").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
        page.screenshot(path=SCREENSHOTS / f"task-force-{language}-workshop-report-print.png", full_page=True)


@JOURNEY_RUNS
def test_trainer_records_and_adopts_the_minutes(live_server, results, new_page, step, language, viewport):
    base = live_server.url
    page = new_page(viewport=viewport, locale=language)
    log_in(page, base, "karim", language)
    page.goto(f"{base}/{language}/review/questionnaires/{results['needs'].pk}/minutes/")
    page.get_by_role("link", name=ui("Record the minutes", language)).click()
    step(page, "minutes-form")
    page.locator("#id_meeting_date").fill("2026-11-20")
    page.get_by_role("button", name=ui("Save the minutes", language)).click()
    # Sent back with an error summary that has the focus and links to the missing field.
    summary = page.locator("[data-error-summary]")
    assert summary.evaluate("e => e === document.activeElement")
    step(page, "minutes-form-errors")
    summary.locator("a[href='#id_participants_fr']").click()
    assert page.evaluate("document.activeElement.id") == "id_participants_fr"
    page.keyboard.type("Leila Trabelsi, task force\nKarim Belhadj, formateur")
    page.locator("#id_participants_ar").fill("ليلى الطرابلسي، فريق العمل")
    page.locator(f"#id_summary_{language}").fill("Priorité : le financement (EU, AMIF).")
    page.locator("input[name=priority_competences]").first.check()
    page.get_by_role("button", name=ui("Save the minutes", language)).click()
    page.wait_for_url("**/minutes/*")  # the browser keeps the #fragment across the redirect
    assert MeetingMinutes.objects.get().participants_fr.startswith("Leila Trabelsi")
    step(page, "minutes-draft")
    page.get_by_role("button", name=ui("Adopt the minutes", language)).click()
    page.wait_for_load_state()
    assert MeetingMinutes.objects.get().is_adopted
    assert page.get_by_role("button", name=ui("Correct the minutes (new version)", language)).is_visible()
    step(page, "minutes-adopted")

"""The follow-up journey (issue 21): a workshop is held → the trainee records a commitment → three
months pass (the workshop's date is moved back in the server's data, no sleep) → the trainee checks
in "done" → the trainer sees it done on the follow-up board in the admin → the evaluation report of
the review area counts it. In French and Arabic, desktop and phone."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from home.people import display_name
from home.roles import Role
from lms.followup.checkins import add_months
from lms.models import CheckIn, CheckInStatus, Commitment, Milestone, Workshop
from tests.factories.courses import make_course
from tests.factories.followup import held_workshop
from tests.paths import path_to

from .conftest import JOURNEY_RUNS, log_in, open_admin, ui

ACTION = {
    "fr": "Présenter le calendrier des appels de l'UE à mon unité",
    "ar": "تقديم رزنامة دعوات الاتحاد الأوروبي لوحدتي",
}
DONE_WHEN = {"fr": "La réunion d'unité a eu lieu", "ar": "انعقد اجتماع الوحدة"}
NOTE = {"fr": "Présentation faite à la direction de la coopération.", "ar": "تمّ التقديم لإدارة التعاون."}


@pytest.fixture
def held(live_server, transactional_db, site_tree, make_user, language):
    trainer = make_user(Role.TRAINER, username="karim", first_name="Karim", last_name="Belhadj")
    profile = UserProfile.get_for_user(trainer)  # the admin speaks the account's language
    profile.preferred_language = language
    profile.save()
    # Held yesterday, attended by the whole cohort, whose course makes its members the report's trainees.
    workshop, people, competences = held_workshop(make_user, trainees=3)
    workshop.plan.cohort.courses.add(make_course(modules=1, lessons=1))
    return {"workshop": workshop, "trainee": people[0], "competence": competences[0]}


def three_months_pass(workshop: Workshop) -> None:
    """Move the clock: the workshop (and the commitment's date with it) now lie three months back."""
    day = timezone.localdate(workshop.starts_at)
    shift = day - add_months(day, -3)
    Workshop.objects.filter(pk=workshop.pk).update(starts_at=workshop.starts_at - shift)
    for commitment in Commitment.objects.filter(workshop=workshop):
        Commitment.objects.filter(pk=commitment.pk).update(due_on=commitment.due_on - shift)


def label(choice, language: str) -> str:
    with translation.override(language):
        return str(choice.label)


@JOURNEY_RUNS
def test_follow_up_journey(live_server, held, new_page, step, language, viewport):
    base, workshop, trainee = live_server.url, held["workshop"], held["trainee"]

    # The trainee, the day after the workshop: one commitment.
    page = new_page(viewport=viewport, locale=language)
    log_in(page, base, trainee.username, language)
    page.goto(base + path_to("lms:followup:index", language=language))
    step(page, "follow-up")
    page.get_by_role("link", name=ui("Record a commitment", language)).click()
    page.locator("#id_action").fill(ACTION[language])
    page.locator("#id_due_on").fill((timezone.localdate() + timedelta(days=45)).isoformat())
    page.locator("#id_competence").select_option(str(held["competence"].pk))
    page.locator("#id_done_when").fill(DONE_WHEN[language])
    step(page, "commitment-form")
    page.get_by_role("button", name=ui("Record the commitment", language)).click()
    page.wait_for_url("**/follow-up/")
    commitment = Commitment.objects.get(trainee=trainee)
    assert commitment.action == ACTION[language]
    expect(page.locator(".commitment")).to_contain_text(ACTION[language])
    assert page.locator(f"a[href$='/check-in/{Milestone.THREE_MONTHS}/']").count() == 0  # not open yet

    # Three months later: the 3-month check-in is due; the trainee says it is done.
    three_months_pass(workshop)
    page.reload()
    step(page, "follow-up-three-months")
    page.locator(f"a[href$='/check-in/{Milestone.THREE_MONTHS}/']").click()
    page.locator(f"input[name=status][value={CheckInStatus.DONE}]").check()
    page.locator("#id_note").fill(NOTE[language])
    page.locator("input[name=self_rating][value='4']").check()
    step(page, "check-in-form")
    page.get_by_role("button", name=ui("Send my check-in", language)).click()
    page.wait_for_url("**/follow-up/")
    given = CheckIn.objects.get(commitment=commitment)
    assert (given.milestone, given.status, given.self_rating) == (Milestone.THREE_MONTHS, "done", 4)
    expect(page.locator(".check-in-given")).to_contain_text(label(CheckInStatus.DONE, language))
    step(page, "check-in-given")

    # The trainer: the follow-up board in the admin shows it done.
    page = new_page(viewport=viewport, locale=language)
    open_admin(page, base, "karim", language)
    page.goto(base + path_to("lms_followup"))
    line = page.locator(".followup-line", has_text=display_name(trainee))
    done_column = page.locator(".followup-table thead th").all_inner_texts().index(ui("Done", language))
    expect(line.locator("th, td").nth(done_column)).to_have_text("1")
    step(page, "follow-up-board", admin=True)

    # The evaluation report (review area) counts it at level 3 and on the indicator sheet.
    page.goto(base + path_to("lms:review:evaluation_report", workshop.plan_id, language=language))
    done_row = page.locator(".status-row", has_text=label(CheckInStatus.DONE, language))
    expect(done_row.locator("td").first).to_have_text("1")
    expect(page.locator(".commitments-count")).to_contain_text("100")
    applied = page.locator(
        ".indicator", has_text=ui("Percentage applying at least one competence at six months", language)
    )
    expect(applied.locator("td").nth(2)).to_contain_text("100")
    step(page, "evaluation-report")

"""Facilitator notes are read by trainers only; the trainer checkout records each step and makes
the staff member a trainer after the third; the re-run form in the admin."""

import datetime
from html import unescape

import pytest
from django.utils import translation

from home.roles import Role, has_role
from lms.handover.checkout import missing_steps, record_checkout_step
from lms.models import CheckoutRecord, CheckoutStep, FacilitatorNote, TrainingPlanPage
from tests.conftest import translated
from tests.factories.courses import enrol, lessons_of, make_course
from tests.factories.plans import make_plan
from tests.paths import path_to

pytestmark = pytest.mark.django_db

SECRET = "Réponse attendue : le cadre logique"
RERUN_COPIES = (
    "Copied at the new dates, in every language: the plan and its workshops, the cohort's courses with "
    "their lessons, tests and assignments, the questionnaires and the facilitator notes (the worksheet "
    "templates stay shared); not copied: any trainee data (progress, attempts, answers, submissions, "
    "attendance, certificates)."
)


@pytest.fixture
def lesson_with_notes(site_tree):
    course = make_course(modules=1, lessons=1)
    lesson = lessons_of(course)[0]
    FacilitatorNote.objects.create(
        lesson=lesson, answers_fr=SECRET, answers_ar="الإطار المنطقي", timing_fr="20 min"
    )
    return course, lesson


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_trainers_read_the_notes_in_their_language(client, lesson_with_notes, trainer, language):
    _course, lesson = lesson_with_notes
    client.force_login(trainer)
    with translation.override(language):
        html = client.get(f"/{language}/handover/notes/lesson/{lesson.pk}/").content.decode()
    assert translated("Answers to the exercises", language) in html
    assert (SECRET if language == "fr" else "الإطار المنطقي") in html


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.TASK_FORCE])
def test_trainees_and_the_task_force_are_refused_the_notes(client, lesson_with_notes, make_user, role):
    course, lesson = lesson_with_notes
    user = make_user(role)
    enrol(user, course)
    client.force_login(user)
    response = client.get(path_to("handover:lesson_notes", lesson_id=lesson.pk))
    assert response.status_code == 403
    assert SECRET not in response.content.decode()
    assert SECRET not in client.get(lesson.get_url()).content.decode()


def test_a_missing_lesson_is_a_404(client, trainer, site_tree):
    client.force_login(trainer)
    assert client.get(path_to("handover:lesson_notes", lesson_id=999999)).status_code == 404


def test_the_third_checkout_step_makes_the_staff_member_a_trainer(make_user, trainer):
    candidate = make_user(Role.TASK_FORCE, username="staff")
    for step in CheckoutStep.values:
        assert not has_role(candidate, Role.TRAINER)
        record = CheckoutRecord.objects.create(
            candidate=candidate, step=step, done_on=datetime.date(2026, 12, 1), evidence="Atelier 1"
        )
        became = record_checkout_step(record=record, recorded_by=trainer)
        if hasattr(candidate, "_role_names"):
            del candidate._role_names
    assert became and has_role(candidate, Role.TRAINER)
    assert missing_steps(candidate=candidate) == []
    assert set(CheckoutRecord.objects.values_list("recorded_by", flat=True)) == {trainer.pk}


def test_the_admin_form_copies_the_plan_and_opens_its_editor(client, trainer, site_tree):
    plan = make_plan(workshops=1)
    client.force_login(trainer)
    response = client.post(
        path_to("lms_handover_rerun"), {"plan": plan.pk, "cohort_name": "Cohorte 2027", "offset_days": 365}
    )
    copy = TrainingPlanPage.objects.exclude(pk=plan.pk).get()
    assert response.status_code == 302 and response["Location"] == path_to("wagtailadmin_pages:edit", copy.pk)
    assert not copy.live


def test_the_admin_form_refuses_a_missing_offset_and_copies_nothing(client, trainer, site_tree):
    plan = make_plan(workshops=1)
    client.force_login(trainer)
    response = client.post(path_to("lms_handover_rerun"), {"plan": plan.pk, "cohort_name": "X"})
    assert response.status_code == 400
    assert TrainingPlanPage.objects.count() == 1


def test_the_admin_form_says_what_is_copied_and_what_is_not(client, trainer, site_tree):
    client.force_login(trainer)
    page = client.get(path_to("lms_handover_rerun")).content.decode()
    # {% translate %} leaves the apostrophes as they are: compare the text, not its escaped form.
    said = unescape(translated(RERUN_COPIES))
    assert said in page and "données des apprenants" in said  # the courses are copied, trainee data never

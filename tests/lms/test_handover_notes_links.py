"""Facilitator notes where trainers work: a discreet link on the lesson and on each workshop of the
training plan, for trainers only. Trainees and the task force see no link and are refused the notes;
a trainee's lesson is the same whether notes exist or not."""

import re
from html import unescape

import pytest
from bs4 import BeautifulSoup

from home.roles import Role
from lms.models import FacilitatorNote
from tests.conftest import translated
from tests.factories.courses import enrol, lessons_of, make_course
from tests.factories.plans import make_plan
from tests.paths import page_path, path_to

pytestmark = pytest.mark.django_db

SECRET = "Réponse attendue : trois niveaux"


@pytest.fixture
def lesson(site_tree):
    course = make_course(modules=1, lessons=1)
    return lessons_of(course)[0]


def notes_links(html: bytes, language: str = "fr") -> list:
    label = unescape(translated("Facilitator notes", language))
    return [a for a in BeautifulSoup(html, "html.parser").select(".trainer-links a") if label in a.get_text()]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_trainer_follows_the_lesson_link_to_its_notes(client, lesson, trainer, language):
    FacilitatorNote.objects.create(lesson=lesson, answers_fr=SECRET, answers_ar="ثلاثة مستويات")
    client.force_login(trainer)
    [link] = notes_links(client.get(page_path(lesson, language)).content, language)
    assert link["href"] == path_to("handover:lesson_notes", language=language, lesson_id=lesson.pk)
    notes = client.get(link["href"]).content.decode()
    assert (SECRET if language == "fr" else "ثلاثة مستويات") in notes


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.TASK_FORCE])
def test_others_see_no_link_and_are_refused_the_notes(client, lesson, make_user, role):
    FacilitatorNote.objects.create(lesson=lesson, answers_fr=SECRET)
    plan = make_plan(workshops=1, live=True)
    workshop = plan.workshops.get()
    FacilitatorNote.objects.create(workshop=workshop, answers_fr=SECRET)
    user = make_user(role)
    enrol(user, lesson.get_parent().get_parent().specific)
    client.force_login(user)
    for language in ("fr", "ar"):
        page = client.get(page_path(lesson, language))
        assert page.status_code == 200 and notes_links(page.content, language) == []
        assert SECRET not in page.content.decode()
    assert client.get(path_to("handover:lesson_notes", lesson_id=lesson.pk)).status_code == 403
    assert client.get(path_to("handover:workshop_notes", workshop_id=workshop.pk)).status_code == 403
    if role == Role.TASK_FORCE:  # the task force reads the plan, without the workshops' notes
        plan_page = client.get(plan.url)
        assert plan_page.status_code == 200 and notes_links(plan_page.content) == []


def without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def test_a_trainees_lesson_is_unchanged_by_notes_existing(client, lesson, trainee):
    enrol(trainee, lesson.get_parent().get_parent().specific)
    client.force_login(trainee)
    client.get(page_path(lesson))  # the first visit records it; the next ones read the same state
    before = without_csrf(client.get(page_path(lesson)).content.decode())
    FacilitatorNote.objects.create(lesson=lesson, session_plan_fr="Plan", answers_fr=SECRET)
    assert without_csrf(client.get(page_path(lesson)).content.decode()) == before


def test_a_trainer_reads_each_workshops_notes_from_the_training_plan(client, trainer, site_tree):
    plan = make_plan(workshops=2, live=True)
    first, second = plan.workshops.order_by("starts_at")
    FacilitatorNote.objects.create(workshop=first, timing_fr="09:00 Accueil")
    client.force_login(trainer)
    links = notes_links(client.get(plan.url).content)
    assert [link["href"] for link in links] == [
        path_to("handover:workshop_notes", workshop_id=workshop.pk) for workshop in (first, second)
    ]
    assert "09:00 Accueil" in client.get(links[0]["href"]).content.decode()


@pytest.mark.parametrize(("role", "extra"), [(Role.TRAINEE, 0), (Role.TRAINER, 1)])
def test_the_link_costs_a_trainee_no_query_and_a_trainer_at_most_one(
    client, lesson, make_user, monkeypatch, role, extra
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses import trainer_links

    user = make_user(role)
    enrol(user, lesson.get_parent().get_parent().specific)
    client.force_login(user)
    client.get(page_path(lesson))  # the first visit records it

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page_path(lesson)).status_code == 200
        return len(captured)

    with_links = queries()
    monkeypatch.setattr(trainer_links, "_providers", [])
    assert 0 <= with_links - queries() <= extra

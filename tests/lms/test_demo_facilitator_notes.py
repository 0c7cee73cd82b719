"""After `load_demo`, trainers find the facilitator notes of two lessons and of the first two workshops
in both languages, from the lesson itself; trainees see no link and are refused the notes."""

from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command

from courses.models import LessonPage
from lms.models import FacilitatorNote, TrainingPlanPage
from tests.conftest import translated
from tests.paths import page_path, path_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", "--allow-production", verbosity=0)


def user(username: str):
    return get_user_model().objects.get(username=username)


def test_the_demo_notes_are_complete_and_reached_from_the_lesson(client, demo):
    plan = TrainingPlanPage.objects.get()
    first, second, _third = plan.workshops.order_by("starts_at")
    notes = FacilitatorNote.objects.all()
    assert {note.workshop_id for note in notes} == {first.pk, second.pk, None}
    assert notes.filter(lesson__isnull=False).count() == 2
    for note in notes:
        for name in ("session_plan", "timing", "materials", "answers"):
            for language in ("fr", "ar"):
                assert getattr(note, f"{name}_{language}").strip(), (note, name, language)

    lesson = LessonPage.objects.get(slug_fr="dispositifs-des-pays-partenaires")
    client.force_login(user("formateur"))
    for language, answer in (("fr", "Demande à Fedasil"), ("ar", "المطلب الموجَّه إلى Fedasil")):
        page = BeautifulSoup(client.get(page_path(lesson, language)).content, "html.parser")
        [link] = page.select(".trainer-links a")
        assert link.get_text() == unescape(translated("Facilitator notes", language))
        assert answer in client.get(link["href"]).content.decode()

    client.force_login(user("amira.benali"))
    assert not BeautifulSoup(client.get(page_path(lesson)).content, "html.parser").select(".trainer-links")
    assert client.get(path_to("handover:lesson_notes", lesson_id=lesson.pk)).status_code == 403
    assert client.get(path_to("handover:workshop_notes", workshop_id=first.pk)).status_code == 403

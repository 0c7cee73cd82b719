"""The follow-up pages: the trainee records commitments and check-ins (French and Arabic), the
trainer sees who is due, overdue, blocked or asks for coaching and records sessions the trainee
then sees; lists read in as many queries for 2 trainees as for 6."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.models import CheckIn, CoachingSession, Commitment
from tests.conftest import translated
from tests.factories.followup import check_in, commit, held_workshop
from tests.paths import path_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_tree, make_user):
    """A workshop held four weeks ago: the 4-week check-ins are due today."""
    return held_workshop(make_user, starts_at=timezone.now() - timedelta(days=28))


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_trainee_records_a_commitment_then_checks_in(client, world, language):
    workshop, people, competences = world
    client.force_login(people[0])
    page = client.get(path_to("lms:followup:index", language=language)).content.decode()
    assert translated("Record a commitment", language) in page
    url = path_to("lms:followup:commit", language=language, workshop_id=workshop.pk)
    form = {
        "action": "Présenter le calendrier des appels",
        "due_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "competence": competences[1].pk,
        "done_when": "Réunion tenue",
    }
    assert client.post(url, form).status_code == 302
    commitment = Commitment.objects.get()
    assert commitment.trainee == people[0] and commitment.competence == competences[1]
    page = client.get(path_to("lms:followup:index", language=language)).content.decode()
    assert "Présenter le calendrier des appels" in page and translated("Due", language) in page
    check_in_url = path_to(
        "lms:followup:check_in", language=language, commitment_id=commitment.pk, milestone="4w"
    )
    response = client.post(
        check_in_url,
        {
            "status": "done",
            "note": "",
            "self_rating": "4",
            "coaching_requested": "on",
            "evidence": SimpleUploadedFile("compte-rendu.pdf", b"%PDF-1.4 note"),
        },
    )
    assert response.status_code == 302
    given = CheckIn.objects.get()
    assert (given.status, given.self_rating, given.coaching_requested) == ("done", 4, True)
    # Given once: the address now says so and a second post changes nothing.
    again = client.post(check_in_url, {"status": "blocked", "note": "x", "self_rating": "1"})
    assert translated("Check in", language) in again.content.decode()
    assert CheckIn.objects.get().status == "done"
    evidence = client.get(path_to("lms:followup:evidence", language=language, check_in_id=given.pk))
    assert evidence.status_code == 200 and evidence["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_wrong_commitment_form_says_why_and_saves_nothing(client, world, language):
    workshop, people, competences = world
    client.force_login(people[0])
    url = path_to("lms:followup:commit", language=language, workshop_id=workshop.pk)
    response = client.post(url, {"action": "", "due_on": "2020-01-01", "competence": competences[0].pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert translated("Choose a date after the workshop.", language) in html
    assert "error-summary" in html
    assert not Commitment.objects.exists()


def test_a_check_in_without_evidence_or_with_a_disguised_file_is_refused(client, world):
    workshop, people, competences = world
    commitment = commit(people[0], workshop, competences[0])
    client.force_login(people[0])
    url = path_to("lms:followup:check_in", commitment_id=commitment.pk, milestone="4w")
    html = client.post(url, {"status": "done", "self_rating": "3"}).content.decode()
    assert translated("Give a note or a file as evidence.") in html
    svg = SimpleUploadedFile("note.pdf", b"<svg onload=alert(1)>")
    html = client.post(url, {"status": "done", "self_rating": "3", "evidence": svg}).content.decode()
    assert (
        translated(
            "Only PDF, DOCX or ODT documents are accepted, and the file's name must match its content."
        )
        in html
    )
    assert not CheckIn.objects.exists()


def test_another_trainee_cannot_reach_a_commitment_or_its_evidence(client, world):
    workshop, people, competences = world
    commitment = commit(people[0], workshop, competences[0])
    client.force_login(people[1])
    assert (
        client.get(path_to("lms:followup:check_in", commitment_id=commitment.pk, milestone="4w")).status_code
        == 404
    )
    assert (
        client.post(
            path_to("lms:followup:check_in", commitment_id=commitment.pk, milestone="4w"),
            {"status": "done", "note": "x", "self_rating": "5"},
        ).status_code
        == 404
    )
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_trainer_sees_the_board_and_records_a_session_the_trainee_sees(client, world, trainer, language):
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(user=trainer, defaults={"preferred_language": language})
    workshop, people, competences = world
    blocked = commit(people[0], workshop, competences[0])
    check_in(blocked, "4w", status="blocked", coaching=True, now=timezone.now())
    done = commit(people[1], workshop, competences[1])
    check_in(done, "4w", status="done", now=timezone.now())
    client.force_login(trainer)
    board = client.get(path_to("lms_followup")).content.decode()
    assert "T0 N0" in board and "T1 N1" in board
    assert board.count("needs-attention") == 1  # blocked and asking for coaching
    detail = client.get(path_to("lms_followup_trainee", user_id=people[1].pk)).content.decode()
    assert translated("Done", language) in detail
    response = client.post(
        path_to("lms_coaching_new"),
        {
            "trainee": people[0].pk,
            "held_on": timezone.localdate().isoformat(),
            "duration_minutes": "45",
            "topics": "Lever le blocage",
            "next_step": "Envoyer la note",
        },
    )
    assert response.status_code == 302
    session = CoachingSession.objects.get()
    assert session.coach == trainer
    board = client.get(path_to("lms_followup")).content.decode()
    assert "needs-attention" in board  # still blocked, but the request is answered
    client.force_login(people[0])
    page = client.get(path_to("lms:followup:index", language=language)).content.decode()
    assert "Lever le blocage" in page and "Envoyer la note" in page
    # The trainee's blocked check-in is not badged as a success (it was, like every given one).
    badge = BeautifulSoup(page, "html.parser").select_one(".check-in-status")
    assert badge.get_text() == translated("Blocked", language) and "text-bg-danger" in badge["class"]
    client.force_login(people[1])
    badge = BeautifulSoup(client.get(f"/{language}/my/follow-up/").content, "html.parser").select_one(
        ".check-in-status"
    )
    assert badge.get_text() == translated("Done", language) and "text-bg-success" in badge["class"]
    client.force_login(people[0])
    client.force_login(people[1])
    assert (
        "Lever le blocage"
        not in client.get(path_to("lms:followup:index", language=language)).content.decode()
    )


def test_a_wrong_session_form_is_refused_with_a_message(client, world, trainer):
    workshop, people, competences = world
    commit(people[0], workshop, competences[0])
    client.force_login(trainer)
    response = client.post(path_to("lms_coaching_new"), {"trainee": people[0].pk, "duration_minutes": "2"})
    assert response.status_code == 400
    assert not CoachingSession.objects.exists()


def _queries(client, url) -> int:
    client.get(url)  # the shared header and footer are cached once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_lists_read_as_much_for_2_trainees_as_for_6(client, site_tree, make_user, trainer):
    counts = {}
    for size in (2, 6):
        workshop, people, competences = held_workshop(
            make_user, trainees=size, starts_at=timezone.now() - timedelta(days=100)
        )
        for person in people:
            for competence in competences:
                commitment = commit(person, workshop, competence)
                check_in(commitment, "4w", status="blocked", coaching=True)
        client.force_login(people[0])
        trainee_page = _queries(client, path_to("lms:followup:index"))
        client.force_login(trainer)
        board = _queries(client, path_to("lms_followup"))
        detail = _queries(client, path_to("lms_followup_trainee", user_id=people[0].pk))
        counts[size] = (trainee_page, board, detail)
        CheckIn.objects.all().delete()
        Commitment.objects.all().delete()
    assert counts[2] == counts[6]


def _advocacy_plan(owner, actions: list[tuple[str, str]]):
    from lms.demo.practice_content import load_worksheet_templates
    from lms.practice.workbook import save_worksheet, start_worksheet

    template = next(t for t in load_worksheet_templates() if t.slug == "plan-de-plaidoyer")
    worksheet = start_worksheet(user=owner, template=template)
    rows = [{"action": text, "date": day, "owner": "Chef de projet"} for text, day in actions]
    return save_worksheet(worksheet=worksheet, title="Plan OFII", values={"actions": rows})


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_roadmap_action_becomes_a_commitment_in_one_click(client, world, language):
    """The commitment form lists the dated actions of the trainee's own roadmap (after the workshop);
    one click fills in the action and its date; the trainee adds the competence and how they will
    know, and records it. Another trainee's roadmap is neither listed nor taken over."""
    from bs4 import BeautifulSoup

    workshop, people, competences = world
    today = timezone.localdate()
    soon, later = (today + timedelta(days=20)).isoformat(), (today + timedelta(days=40)).isoformat()
    past = (today - timedelta(days=60)).isoformat()
    _advocacy_plan(
        people[0], [("Mission à Lyon", later), ("Atelier passé", past), ("Note conceptuelle", soon)]
    )
    other = _advocacy_plan(people[1], [("Action de T1", soon)])
    client.force_login(people[0])
    url = f"/{language}/my/follow-up/workshops/{workshop.pk}/commitment/"
    page = BeautifulSoup(client.get(url).content, "html.parser")
    listed = [" ".join(li.get_text().split()) for li in page.select(".roadmap-action")]
    assert len(listed) == 2 and "Note conceptuelle" in listed[0] and "Mission à Lyon" in listed[1]
    assert translated("Use this action", language) in listed[0]
    link = page.select_one(".roadmap-action a")["href"]
    form = BeautifulSoup(client.get(url + link.split("#")[0]).content, "html.parser")
    assert form.select_one("#id_action")["value"] == "Note conceptuelle"
    assert form.select_one("#id_due_on")["value"] == soon
    response = client.post(
        url,
        {
            "action": form.select_one("#id_action")["value"],
            "due_on": form.select_one("#id_due_on")["value"],
            "competence": competences[2].pk,
            "done_when": "La note est déposée",
        },
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get()
    assert (commitment.action, commitment.due_on.isoformat(), commitment.competence) == (
        "Note conceptuelle",
        soon,
        competences[2],
    )
    # Taken over: no longer offered; someone else's row is not taken over by its key.
    page = BeautifulSoup(client.get(url).content, "html.parser")
    assert ["Mission à Lyon" in li.get_text() for li in page.select(".roadmap-action")] == [True]
    stolen = BeautifulSoup(client.get(f"{url}?roadmap={other.pk}-0").content, "html.parser")
    assert not stolen.select_one("#id_action").get("value")
    # The trainee's own text is printed as text.
    _advocacy_plan(people[0], [("<script>alert(1)</script>", later)])
    html = client.get(url).content.decode()
    assert "&lt;script&gt;alert(1)" in html and "<script>alert(1)" not in html

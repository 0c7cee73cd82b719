"""The follow-up under the privacy rules: the profile attributes only with consent and deletable,
everything in "my data", and erased with the trainee (evidence files included)."""

from datetime import timedelta
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lms.followup.checkins import CheckInAnswer, record_check_in
from lms.followup.coaching import record_session
from lms.models import CheckIn, CoachingSession, Commitment, TraineeProfile
from lms.privacy.erasure import erase_trainee
from lms.privacy.my_data import personal_data
from tests.conftest import translated
from tests.factories.followup import commit, held_workshop
from tests.paths import path_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def followed(site_tree, make_user, trainer):
    workshop, people, competences = held_workshop(make_user, starts_at=timezone.now() - timedelta(days=30))
    commitment = commit(people[0], workshop, competences[0], action="Rencontrer le consulat")
    given = record_check_in(
        user=people[0],
        commitment=commitment,
        milestone="4w",
        answer=CheckInAnswer(
            status="done",
            self_rating=4,
            note="Réunion tenue",
            evidence=SimpleUploadedFile("cr.pdf", b"%PDF-1.4 cr"),
        ),
    )
    record_session(
        coach=trainer,
        trainee=people[0],
        held_on=timezone.localdate(),
        duration_minutes=30,
        topics="Plaidoyer",
    )
    TraineeProfile.objects.create(
        user=people[0], sex="female", institution="ote", consented_at=timezone.now()
    )
    return people, given


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_profile_is_saved_only_with_consent_and_can_be_withdrawn(client, trainee, language):
    client.force_login(trainee)
    url = f"/{language}/my/follow-up/profile/"
    html = client.post(url, {"institution": "aneti", "sex": "male"}).content.decode()
    assert translated("Tick the box to give these details, or leave the page.", language) in html
    assert not TraineeProfile.objects.exists()
    assert client.post(url, {"institution": "aneti", "sex": "male", "consent": "on"}).status_code == 302
    profile = TraineeProfile.objects.get()
    assert (profile.institution, profile.sex, profile.user) == ("aneti", "male", trainee)
    assert client.post(url, {"withdraw": "1"}).status_code == 302
    assert not TraineeProfile.objects.exists()


def test_my_data_holds_the_follow_up(client, followed):
    people, given = followed
    data = personal_data(user=people[0])["follow_up"]
    assert data["commitments"][0]["action"] == "Rencontrer le consulat"
    assert data["commitments"][0]["check_ins"][0]["note"] == "Réunion tenue"
    assert data["coaching_sessions"][0]["topics"] == "Plaidoyer"
    assert data["profile"]["institution"] == "OTE"
    assert personal_data(user=people[1])["follow_up"] == {
        "profile": None,
        "commitments": [],
        "coaching_sessions": [],
    }
    client.force_login(people[0])
    page = client.get(path_to("lms:my_data")).content.decode()
    assert "Rencontrer le consulat" in page and "Plaidoyer" in page


def test_erasure_removes_the_follow_up_and_the_evidence_file(
    followed, trainer, django_capture_on_commit_callbacks
):
    people, given = followed
    storage, name = given.evidence.storage, given.evidence.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        erase_trainee(user=people[0], by=trainer)
    assert not Commitment.objects.exists() and not CheckIn.objects.exists()
    assert not CoachingSession.objects.exists() and not TraineeProfile.objects.exists()
    assert not storage.exists(name)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_privacy_notice_says_who_sees_the_follow_up(client, language):
    page = client.get(f"/{language}/privacy/").content.decode()
    sentence = (
        "Your commitments, check-ins and coaching notes are seen by you and the trainers only. The "
        "evaluation report shows the task force group figures only, and never a group of fewer than 3 people."
    )
    assert unescape(translated(sentence, language)) in unescape(page)


def test_an_erasure_failing_halfway_keeps_the_evidence_file(
    followed, trainer, monkeypatch, django_capture_on_commit_callbacks
):
    """The check-in rows come back with the rollback: so must the file they point to."""
    from lms.privacy import erasure

    people, given = followed

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(erasure.Attendance.objects, "filter", broken)  # after the follow-up is erased
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        erase_trainee(user=people[0], by=trainer)
    assert CheckIn.objects.get() == given
    assert given.evidence.storage.exists(given.evidence.name)

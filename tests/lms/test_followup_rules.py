"""Commitments and check-ins: who commits, how many, when each check-in falls due and is overdue
(computed from the workshop's date, so a moved workshop moves them), with a frozen clock (`now`)."""

from datetime import date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lms.followup.checkins import (
    CheckInAnswer,
    CheckInRefused,
    SlotState,
    add_months,
    due_on,
    open_check_ins,
    record_check_in,
    slots_of,
    upcoming_check_ins,
)
from lms.followup.commitments import CommitmentRefused, commitment_from, record_commitment
from lms.followup.todo import check_ins_to_give
from lms.models import Attendance, CheckIn, Commitment
from tests.factories.followup import check_in, commit, held_workshop

pytestmark = pytest.mark.django_db

TUNIS = timezone.get_default_timezone()


def at(year, month, day, hour=9):
    return datetime(year, month, day, hour, tzinfo=TUNIS)


@pytest.fixture
def world(site_tree, make_user):
    return held_workshop(make_user, starts_at=at(2026, 1, 31))


def test_months_are_calendar_months_clamped_to_the_month_end():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 15), 3) == date(2028, 2, 15)


def test_check_ins_fall_four_weeks_three_and_six_months_after_the_workshop(world):
    workshop, people, competences = world
    commitment = commit(people[0], workshop, competences[0])
    slots = slots_of(commitment, now=at(2026, 2, 1))
    assert [slot.due_on for slot in slots] == [date(2026, 2, 28), date(2026, 4, 30), date(2026, 7, 31)]
    assert [slot.state for slot in slots] == [SlotState.UPCOMING] * 3


@pytest.mark.parametrize(
    ("now", "state"),
    [
        (at(2026, 2, 20), SlotState.UPCOMING),  # 8 days before the 4-week date
        (at(2026, 2, 21), SlotState.DUE),  # opens 7 days before
        (at(2026, 2, 28), SlotState.DUE),
        (at(2026, 3, 14, 23), SlotState.DUE),  # 14 days of grace after the date
        (at(2026, 3, 15, 0), SlotState.OVERDUE),
    ],
)
def test_due_and_overdue_with_a_frozen_clock(world, now, state):
    workshop, people, competences = world
    commitment = commit(people[0], workshop, competences[0])
    assert slots_of(commitment, now=now)[0].state == state


def test_a_rescheduled_workshop_moves_its_check_ins(world):
    workshop, people, competences = world
    commitment = commit(people[0], workshop, competences[0])
    now = at(2026, 3, 10)
    assert slots_of(commitment, now=now)[0].state == SlotState.DUE
    # The trainer corrects the date: the workshop was held three weeks earlier.
    workshop.starts_at = at(2026, 1, 10)
    workshop.save()
    commitment = Commitment.objects.get(pk=commitment.pk)
    slots = slots_of(commitment, now=now)
    assert [slot.due_on for slot in slots] == [date(2026, 2, 7), date(2026, 4, 10), date(2026, 7, 10)]
    assert slots[0].state == SlotState.OVERDUE


def test_at_most_three_commitments_per_workshop_and_only_after_attending(world, make_user):
    workshop, people, competences = world
    for index in range(3):
        commit(people[0], workshop, competences[index % 3], action=f"Action {index}")
    with pytest.raises(CommitmentRefused):
        commit(people[0], workshop, competences[0])
    Attendance.objects.filter(trainee=people[1]).update(status="absent")
    with pytest.raises(CommitmentRefused):
        commit(people[1], workshop, competences[0])
    stranger = make_user()
    with pytest.raises(CommitmentRefused):
        commit(stranger, workshop, competences[0])
    assert Commitment.objects.count() == 3


def test_a_commitment_before_the_workshop_is_held_is_refused(site_tree, make_user):
    workshop, people, competences = held_workshop(make_user, starts_at=timezone.now() + timedelta(days=3))
    draft = commitment_from(what="x", when=date.today(), competence=competences[0])
    with pytest.raises(CommitmentRefused):
        record_commitment(user=people[0], workshop=workshop, draft=draft)


def test_a_check_in_opens_on_time_is_given_once_and_never_changed(world):
    workshop, people, competences = world
    commitment = commit(people[0], workshop, competences[0])
    answer = CheckInAnswer(status="done", self_rating=4, note="Note envoyée.")
    with pytest.raises(CheckInRefused):  # not open yet
        record_check_in(
            user=people[0], commitment=commitment, milestone="4w", answer=answer, now=at(2026, 2, 2)
        )
    with pytest.raises(CheckInRefused):  # not theirs
        record_check_in(
            user=people[1], commitment=commitment, milestone="4w", answer=answer, now=at(2026, 3, 1)
        )
    given = record_check_in(
        user=people[0], commitment=commitment, milestone="4w", answer=answer, now=at(2026, 3, 1)
    )
    with pytest.raises(CheckInRefused):
        record_check_in(
            user=people[0], commitment=commitment, milestone="4w", answer=answer, now=at(2026, 3, 2)
        )
    assert CheckIn.objects.get() == given
    assert slots_of(Commitment.objects.get(), now=at(2026, 3, 2))[0].state == SlotState.GIVEN


def test_an_overdue_check_in_can_still_be_given(world):
    workshop, people, competences = world
    commitment = commit(people[0], workshop, competences[0])
    check_in(commitment, "4w", now=at(2026, 6, 1))
    assert CheckIn.objects.count() == 1


def test_evidence_files_are_checked_by_type_and_content(world):
    workshop, people, competences = world
    commitment = commit(people[0], workshop, competences[0])
    for upload in (
        SimpleUploadedFile("evil.html", b"<html><script>alert(1)</script></html>"),
        SimpleUploadedFile("evil.pdf", b"<svg onload=alert(1)></svg>"),
        SimpleUploadedFile("film.mp4", b"\x00\x00\x00 ftyp"),
    ):
        answer = CheckInAnswer(status="done", self_rating=4, evidence=upload)
        with pytest.raises(Exception) as refused:
            record_check_in(
                user=people[0], commitment=commitment, milestone="4w", answer=answer, now=at(2026, 3, 1)
            )
        assert refused.type.__name__ in ("ValidationError", "CheckInRefused")
    assert not CheckIn.objects.exists()
    ok = CheckInAnswer(
        status="done", self_rating=4, evidence=SimpleUploadedFile("note.pdf", b"%PDF-1.4 note")
    )
    given = record_check_in(
        user=people[0], commitment=commitment, milestone="4w", answer=ok, now=at(2026, 3, 1)
    )
    assert given.evidence.name.endswith(".pdf")


def test_the_providers_list_open_and_upcoming_check_ins_in_fixed_queries(world, django_assert_num_queries):
    workshop, people, competences = world
    first = commit(people[0], workshop, competences[0])
    commit(people[0], workshop, competences[1], action="Deuxième")
    now = at(2026, 3, 1)
    with django_assert_num_queries(2):
        slots = open_check_ins(user=people[0], now=now)
    assert [(slot.commitment.pk, slot.milestone) for slot in slots][0] == (first.pk, "4w")
    assert len(slots) == 2
    check_in(first, "4w", now=now)
    assert len(open_check_ins(user=people[0], now=now)) == 1
    # A reminder a week ahead of the 3-month date lists it; the given 4-week one never.
    soon = upcoming_check_ins(user=people[0], now=at(2026, 4, 24))
    assert {(slot.commitment.pk, slot.milestone) for slot in soon} >= {(first.pk, "3m")}
    assert (first.pk, "4w") not in {(slot.commitment.pk, slot.milestone) for slot in soon}
    for _ in range(3):
        commit(people[1], workshop, competences[2])
    with django_assert_num_queries(2):
        open_check_ins(user=people[1], now=now)


def test_due_check_ins_are_in_the_trainees_to_do_list(site_tree, make_user):
    workshop, people, competences = held_workshop(make_user, starts_at=timezone.now() - timedelta(days=28))
    commitment = commit(people[0], workshop, competences[0])
    items = check_ins_to_give(user=people[0])
    assert len(items) == 1 and items[0].kind == "check_in"
    assert f"/my/follow-up/commitments/{commitment.pk}/check-in/4w/" in items[0].url
    assert check_ins_to_give(user=people[1]) == []
    assert due_on(workshop_starts_at=workshop.starts_at, milestone="4w") == timezone.localdate()

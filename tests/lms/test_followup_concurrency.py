"""Follow-up writes at the same moment (PostgreSQL, one connection per thread): eight tabs
recording a commitment for the same workshop leave three, and eight sending the same check-in leave
one."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lms.followup.checkins import CheckInAnswer, CheckInRefused, record_check_in
from lms.followup.commitments import CommitmentRefused, commitment_from, record_commitment
from lms.models import CheckIn, Commitment
from tests.assessments.test_concurrency_attempts import run_together
from tests.factories.followup import commit, held_workshop

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_eight_simultaneous_commitments_for_one_workshop_leave_three(site_tree, make_user):
    workshop, people, competences = held_workshop(make_user, trainees=1)
    draft = commitment_from(what="Action", when=timezone.localdate(), competence=competences[0])
    results = run_together(8, lambda: record_commitment(user=people[0], workshop=workshop, draft=draft).pk)
    unexpected = [r for r in results if isinstance(r, Exception) and not isinstance(r, CommitmentRefused)]
    assert not unexpected
    assert Commitment.objects.filter(workshop=workshop, trainee=people[0]).count() == 3
    assert len([r for r in results if isinstance(r, int)]) == 3


def test_eight_simultaneous_check_ins_on_one_milestone_leave_one(site_tree, make_user):
    workshop, people, competences = held_workshop(make_user, trainees=1)
    commitment = commit(people[0], workshop, competences[0])
    answer = CheckInAnswer(status="done", self_rating=4, note="Fait.")
    now = workshop.starts_at + timedelta(days=28)
    results = run_together(
        8,
        lambda: (
            record_check_in(user=people[0], commitment=commitment, milestone="4w", answer=answer, now=now).pk
        ),
    )
    assert not [r for r in results if isinstance(r, Exception) and not isinstance(r, CheckInRefused)]
    assert CheckIn.objects.filter(commitment=commitment).count() == 1

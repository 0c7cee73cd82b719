"""Builders for the follow-up: a held workshop attended by a cohort, commitments, check-ins."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from courses.models import Cohort
from home.roles import Role
from lms.followup.checkins import CheckInAnswer, due_on, record_check_in
from lms.followup.commitments import commitment_from, record_commitment
from lms.models import Attendance, AttendanceStatus
from tests.factories.plans import make_plan
from tests.factories.questionnaires import make_competences


def held_workshop(make_user, *, trainees: int = 3, starts_at: datetime | None = None, live: bool = True):
    """A plan of a cohort of `trainees` (all present) whose one workshop was held at `starts_at`."""
    competences = make_competences(3)
    cohort = Cohort.objects.create(name=f"Cohorte {Cohort.objects.count() + 1}")
    people = [make_user(Role.TRAINEE, first_name=f"T{i}", last_name=f"N{i}") for i in range(trainees)]
    cohort.trainees.set(people)
    start = starts_at or timezone.now() - timedelta(days=1)
    plan = make_plan(cohort=cohort, starts=[start], live=live)
    plan.target_competences.set(competences)
    workshop = plan.workshops.get()
    Attendance.objects.bulk_create(
        [Attendance(workshop=workshop, trainee=p, status=AttendanceStatus.PRESENT) for p in people]
    )
    return workshop, people, competences


def commit(
    trainee, workshop, competence, *, action: str = "Présenter le calendrier", due: date | None = None
):
    draft = commitment_from(
        what=action,
        when=due or timezone.localdate(workshop.starts_at) + timedelta(days=60),
        competence=competence,
        done_when="Réunion tenue",
    )
    return record_commitment(
        user=trainee, workshop=workshop, draft=draft, now=workshop.starts_at + timedelta(hours=8)
    )


def check_in(
    commitment, milestone: str, *, status: str = "in_progress", rating: int = 3, coaching=False, now=None
):
    """Given on the milestone's date (or `now`)."""
    if now is None:
        day = due_on(workshop_starts_at=commitment.workshop.starts_at, milestone=milestone)
        now = timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(hours=10)
    answer = CheckInAnswer(status=status, self_rating=rating, note="Fait.", coaching_requested=coaching)
    return record_check_in(
        user=commitment.trainee, commitment=commitment, milestone=milestone, answer=answer, now=now
    )

"""The demo's follow-up of workshop 1 (lms/demo/data/followup.toml): one small function per kind."""

from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from courses.models import Competence
from home.roles import Role

from ..followup.checkins import CheckInAnswer, record_check_in
from ..followup.coaching import record_session
from ..followup.commitments import commitment_from, record_commitment
from ..followup.profiles import save_profile
from ..models import CoachingSession, Commitment, Outcome, TrainingPlanPage
from .course_content import read_toml

FOLLOWUP_FILE = Path(__file__).parent / "data" / "followup.toml"


def _people() -> dict:
    return {user.username: user for user in get_user_model().objects.all()}


def _targets(plan: TrainingPlanPage, data: dict) -> None:
    TrainingPlanPage.objects.filter(pk=plan.pk).update(**{f"target_{k}": v for k, v in data.items()})


def _commitments(workshop, rows: list[dict], people: dict) -> None:
    if Commitment.objects.filter(workshop=workshop).exists():
        return
    for row in rows:
        day = timezone.localdate(workshop.starts_at) + timedelta(days=row["days"])
        commitment = record_commitment(
            user=people[row["trainee"]],
            workshop=workshop,
            draft=commitment_from(
                what=row["action"],
                when=day,
                competence=Competence.objects.get(key=row["competence"]),
                done_when=row["done_when"],
            ),
        )
        if "check_in" in row and check_in_open(commitment):
            answer = row["check_in"]
            record_check_in(
                user=commitment.trainee,
                commitment=commitment,
                milestone="4w",
                answer=CheckInAnswer(
                    status=answer["status"],
                    self_rating=answer["rating"],
                    note=answer["note"],
                    coaching_requested=answer.get("coaching", False),
                ),
            )


def check_in_open(commitment) -> bool:
    from ..followup.checkins import slot_for

    return slot_for(commitment=commitment, milestone="4w").is_open


def _coaching(data: dict, people: dict) -> None:
    trainee = people[data["trainee"]]
    if CoachingSession.objects.filter(trainee=trainee).exists():
        return
    coach = get_user_model().objects.filter(groups__name=Role.TRAINER.value).first()
    record_session(
        coach=coach,
        trainee=trainee,
        held_on=timezone.localdate(),
        duration_minutes=data["minutes"],
        topics=data["topics"],
        next_step=data["next_step"],
    )


def _outcomes(plan, rows: list[dict], people: dict) -> None:
    if Outcome.objects.filter(plan=plan).exists():
        return
    for row in rows:
        Outcome.objects.create(
            plan=plan,
            trainee=people.get(row.get("trainee", "")),
            kind=row["kind"],
            occurred_on=timezone.localdate(),
            description=row["description"],
            source=row.get("source", ""),
        )


def _profiles(rows: list[dict], people: dict) -> None:
    for row in rows:
        save_profile(user=people[row["username"]], sex=row["sex"], institution=row["institution"])


@transaction.atomic
def load_follow_up(plan: TrainingPlanPage, path: Path = FOLLOWUP_FILE) -> None:
    data = read_toml(path)
    people = _people()
    workshop = plan.workshops.filter(attendance__isnull=False).distinct().order_by("starts_at").first()
    _targets(plan, data["targets"])
    _profiles(data["profile"], people)
    if workshop is not None:
        _commitments(workshop, data["commitment"], people)
    _coaching(data["coaching"], people)
    _outcomes(plan, data["outcome"], people)

"""The demo's follow-up of workshop 1 (lms/demo/data/followup.toml) and the plan's six-month
application survey (lms/demo/data/application_survey.toml): one small function per kind."""

from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from assessments.models import Participation, QuestionnairePage
from assessments.questionnaires import ItemValue, submit_response
from courses.models import Competence
from home.models import HomePage
from home.roles import Role

from ..followup.checkins import CheckInAnswer, record_check_in
from ..followup.coaching import record_session
from ..followup.commitments import commitment_from, record_commitment
from ..followup.profiles import save_profile
from ..models import CoachingSession, Commitment, Outcome, TrainingPlanPage
from .course_content import read_toml
from .questionnaire_content import load_questionnaire

FOLLOWUP_FILE = Path(__file__).parent / "data" / "followup.toml"
APPLICATION_SURVEY_FILE = Path(__file__).parent / "data" / "application_survey.toml"
# The demo answers' keys, in the order of the survey's questions (the free text is left unanswered).
APPLICATION_ANSWERS = {"application": "number", "barriers": "selection", "support": "selection"}


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


def _application_values(items, row: dict) -> dict[int, ItemValue]:
    return {
        item.pk: ItemValue(**{field: row[key]})
        for item, (key, field) in zip(items, APPLICATION_ANSWERS.items(), strict=False)
    }


def load_application_survey(
    plan: TrainingPlanPage, path: Path = APPLICATION_SURVEY_FILE
) -> QuestionnairePage:
    """The anonymous survey, set on the plan, answered by the demo cohort and then closed, so that
    its results are released (five responses or more) and the evaluation report's level 3 shows them.
    (In the demo the answers come ahead of the six months: the survey's own schedule, from the plan,
    applies once the OTE approves the plan again.)"""
    survey = load_questionnaire(HomePage.objects.get(), {}, plan.cohort, path=path)
    TrainingPlanPage.objects.filter(pk=plan.pk).update(application_survey=survey)
    if Participation.objects.filter(questionnaire=survey).exists():
        return survey
    items = list(survey.items.order_by("sort_order"))
    people = _people()
    for row in read_toml(path)["answer"]:
        submit_response(
            user=people[row["username"]], questionnaire=survey, values=_application_values(items, row)
        )
    QuestionnairePage.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    return survey


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
    load_application_survey(plan)

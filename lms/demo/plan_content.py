"""The needs-assessment minutes, the draft training plan, its workshops, and the past workshop's
attendance and satisfaction answers. Idempotent: nothing is created twice."""

import random
from datetime import datetime, time, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation

from assessments.minutes import adopt_minutes
from assessments.models import MeetingMinutes, Participation, QuestionnairePage, QuizPage
from assessments.models.questionnaires import ItemKind
from assessments.questionnaires import ItemValue, submit_response
from assessments.survey_templates import add_default_satisfaction_items
from courses.models import Cohort, Competence, ModulePage
from home.models import HomePage
from home.roles import Role

from ..models import Attendance, TrainingPlanPage, Workshop
from ..training.plans import ensure_approval_workflow, require_approval
from .course_content import DATA, LANGUAGES, read_toml
from .markup import rich_text

PLAN_FILE = DATA / "training_plan.toml"


@transaction.atomic
def load_minutes(
    questionnaire: QuestionnairePage, competences: dict[str, Competence], path: Path = PLAN_FILE
) -> MeetingMinutes:
    """Version 1 of the needs-identification minutes, adopted by the trainer on the meeting day."""
    data = read_toml(path)["minutes"]
    minutes, created = MeetingMinutes.objects.get_or_create(
        questionnaire=questionnaire,
        version=1,
        defaults={
            "meeting_date": data["meeting_date"],
            **{
                f"{name}_{lang}": data[f"{name}_{lang}"]
                for name in ("place", "participants", "summary", "decisions")
                for lang in LANGUAGES
            },
        },
    )
    if created:
        minutes.priority_competences.set([competences[key] for key in data["priority_competences"]])
    if not minutes.is_adopted:
        trainer = get_user_model().objects.get(username=data["adopted_by"])
        meeting_day = datetime.combine(minutes.meeting_date, time(17))
        minutes = adopt_minutes(minutes=minutes, user=trainer, now=timezone.make_aware(meeting_day))
    return minutes


def _satisfaction_survey(home: HomePage, cohort: Cohort, data: dict, closes_at) -> QuestionnairePage:
    survey = QuestionnairePage.objects.child_of(home).filter(slug_fr=data["slug_fr"]).first()
    if survey is None:
        with translation.override("fr"):
            survey = QuestionnairePage(
                title=data["title_fr"],
                slug=data["slug_fr"],
                purpose="satisfaction",
                anonymity="anonymous",
                cohort=cohort,
                **{
                    f"{name}_{lang}": data[f"{name}_{lang}"]
                    for name in ("title", "slug")
                    for lang in LANGUAGES
                },
            )
            home.add_child(instance=survey)
        add_default_satisfaction_items(survey)
        survey.save_revision().publish()
    return survey


# A satisfied group's answers to the default satisfaction survey, one function per kind of question;
# the comments are left empty.
SATISFACTION_ANSWERS = {
    ItemKind.RATING: lambda rng: ItemValue(number=rng.choice([3, 4, 4, 5, 5])),
    ItemKind.SINGLE_CHOICE: lambda rng: ItemValue(number=rng.choice([0, 0, 0, 1])),
}


def satisfaction_values(items, rng: random.Random) -> dict[int, ItemValue]:
    answers = SATISFACTION_ANSWERS
    return {item.pk: answers[item.kind](rng) for item in items if item.kind in answers}


def _satisfaction_answers(survey: QuestionnairePage, trainees: list, closes_at) -> None:
    if Participation.objects.filter(questionnaire=survey).exists():
        return
    items = list(survey.items.order_by("sort_order"))
    for trainee in trainees:
        rng = random.Random(f"satisfaction-{trainee.username}")
        submit_response(user=trainee, questionnaire=survey, values=satisfaction_values(items, rng))
    QuestionnairePage.objects.filter(pk=survey.pk).update(closes_at=closes_at)


def _workshops(
    data: dict, modules: dict[str, ModulePage], quizzes: dict[str, QuizPage], survey
) -> list[Workshop]:
    workshops = []
    for order, item in enumerate(data["workshop"]):
        fields = {
            "sort_order": order,
            "starts_at": item["starts_at"],
            "duration_hours": item["duration_hours"],
            "facilitators": item.get("facilitators", ""),
            "title": item["title_fr"],
            "place": item.get("place_fr", ""),
            "agenda": item.get("agenda_fr", ""),
            **{
                f"{n}_{lang}": item.get(f"{n}_{lang}", "")
                for n in ("title", "place", "agenda")
                for lang in LANGUAGES
            },
        }
        if item.get("past"):
            fields.update(
                pre_test=quizzes["pretest"], post_test=quizzes["posttest"], satisfaction_survey=survey
            )
        workshop = Workshop(**fields)
        workshop.modules = [modules[key] for key in item.get("modules", [])]
        workshops.append(workshop)
    return workshops


@transaction.atomic
def load_plan(
    home: HomePage,
    competences: dict[str, Competence],
    modules: dict[str, ModulePage],
    quizzes: dict[str, QuizPage],
    cohort: Cohort,
    path: Path = PLAN_FILE,
) -> TrainingPlanPage:
    """A draft plan submitted to the OTE approval workflow, with its three workshops."""
    data = read_toml(path)
    past = next(item for item in data["workshop"] if item.get("past"))
    survey = _satisfaction_survey(home, cohort, data["satisfaction"], past["starts_at"] + timedelta(days=7))
    plan = TrainingPlanPage.objects.child_of(home).filter(slug_fr=data["slug_fr"]).first()
    if plan is None:
        with translation.override("fr"):
            plan = TrainingPlanPage(
                title=data["title_fr"],
                slug=data["slug_fr"],
                live=False,
                cohort=cohort,
                period_start=data["period_start"],
                period_end=data["period_end"],
                **{f"{n}_{lang}": data[f"{n}_{lang}"] for n in ("title", "slug") for lang in LANGUAGES},
                **{
                    f"{n}_{lang}": rich_text(data[f"{n}_{lang}"])
                    for n in ("objectives", "report_context", "report_observations", "report_recommendations")
                    for lang in LANGUAGES
                },
            )
            plan.target_competences = [competences[key] for key in data["target_competences"]]
            plan.workshops = _workshops(data, modules, quizzes, survey)
            home.add_child(instance=plan)
        require_approval(plan)
        trainer = get_user_model().objects.filter(groups__name=Role.TRAINER.value).first()
        plan.save_revision(user=trainer)
        ensure_approval_workflow().start(plan, user=trainer)
    past_workshop = plan.workshops.get(pre_test__isnull=False)
    _attendance(past_workshop, data["attendance"])
    attendees = list(
        get_user_model().objects.filter(
            username__in=data["attendance"]["present"] + data["attendance"]["late"]
        )
    )
    _satisfaction_answers(survey, attendees, past["starts_at"] + timedelta(days=7))
    return plan


def _attendance(workshop: Workshop, data: dict) -> None:
    if workshop.attendance.exists():
        return
    trainees = workshop.plan.cohort.trainees.all()
    marked = {name: status for status in ("present", "late", "excused") for name in data.get(status, [])}
    Attendance.objects.bulk_create(
        Attendance(workshop=workshop, trainee=trainee, status=marked.get(trainee.username, "absent"))
        for trainee in trainees
    )

"""The trainees and what they did, on top of the courses of `bench.content`.

Trainees, cohorts, progress rows, quiz attempts, assignment work awaiting review (with its versions,
and for a third of it a first version returned with released feedback), questionnaire responses and
workshop attendance are bulk-created; the needs assessment's and the satisfaction survey's items are
the demo's. Everything is drawn from fixed seeds: two runs build the same activity.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from assessments.assignments import level_points, max_points
from assessments.models import (
    AssignmentPage,
    Attempt,
    AttemptQuestion,
    ItemAnswer,
    Participation,
    QuestionnaireItem,
    QuestionnairePage,
    QuizPage,
    QuizSlot,
    Response,
    RubricCriterion,
    Submission,
    SubmissionVersion,
)
from assessments.models.assignments import CriterionMark, Decision, Feedback, SubmissionStatus
from assessments.models.attempts import AttemptStatus
from assessments.models.questionnaires import Anonymity, QuestionnairePurpose, ResponseStatus
from assessments.models.quiz import QuizPurpose
from assessments.questionnaires import ItemValue
from assessments.survey_templates import add_default_satisfaction_items
from courses.models import Cohort, Competence, CoursePage, StepProgress
from home.models import HomePage
from home.roles import Role
from lms.demo.plan_content import satisfaction_values
from lms.demo.questionnaire_content import _simulated_values, first_free_text
from lms.models import Attendance, AttendanceStatus, TrainingPlanPage, Workshop

from .content import SEED, add_page

NEEDS_SLUG = "besoins-promotion-nationale"
PLAN_SLUG = "plan-cohorte-regionale"
FIRST_NAMES = ("Amira", "Mohamed", "Sonia", "Yassine", "Ines", "Walid", "Rim", "Skander", "Nour", "Fares")
LAST_NAMES = ("Ben Ali", "Trabelsi", "Mejri", "Chaabane", "Hammami", "Jendoubi", "Karoui", "Ayari", "Dridi")


# People --------------------------------------------------------------------------------------


def create_trainees(count: int) -> list:
    User = get_user_model()
    password = make_password("bench-password-not-used")  # hashed once: logins use sessions
    users = User.objects.bulk_create(
        User(
            username=f"trainee{index:04d}",
            email=f"trainee{index:04d}@bench.example.org",
            first_name=FIRST_NAMES[index % len(FIRST_NAMES)],
            last_name=LAST_NAMES[(index * 7) % len(LAST_NAMES)],
            password=password,
        )
        for index in range(count)
    )
    group = Group.objects.get(name=Role.TRAINEE.value)
    User.groups.through.objects.bulk_create(User.groups.through(user=user, group=group) for user in users)
    return users


def enrol_cohort(name: str, trainees: list, courses: list[CoursePage], start) -> Cohort:
    cohort = Cohort.objects.create(name=name, start_date=start, end_date=start + timedelta(days=120))
    Cohort.trainees.through.objects.bulk_create(
        Cohort.trainees.through(cohort=cohort, user=trainee) for trainee in trainees
    )
    cohort.courses.set(courses)
    return cohort


# Activity ------------------------------------------------------------------------------------


def completed_steps(rng: random.Random, total: int) -> int:
    """A third of the trainees finished the course; the others stopped anywhere."""
    return total if rng.random() < 0.3 else rng.randrange(total)


@dataclass(frozen=True)
class CourseRun:
    user: object
    steps: list
    completed: int
    started: datetime


def course_runs(enrolments: list[tuple[object, list]], start: datetime) -> list[CourseRun]:
    rng = random.Random(SEED)
    return [
        CourseRun(user, steps, completed_steps(rng, len(steps)), start + timedelta(hours=rng.randrange(240)))
        for user, steps in enrolments
    ]


def create_progress(runs: list[CourseRun], *, awaiting: frozenset[tuple[int, int]] = frozenset()) -> int:
    """Progress rows of the steps each trainee reached; an assignment whose work awaits review
    (`awaiting`: (user id, page id) pairs) is not complete, whatever came after it."""
    rows = []
    for run in runs:
        for index, step in enumerate(run.steps[: run.completed + 1]):
            opened = run.started + timedelta(days=index, minutes=run.user.pk % 60)
            done = index < run.completed and (run.user.pk, step.pk) not in awaiting
            rows.append(
                StepProgress(
                    user=run.user,
                    page_id=step.pk,
                    first_opened_at=opened,
                    last_opened_at=opened + timedelta(minutes=20),
                    completed_at=opened + timedelta(minutes=25) if done else None,
                    score=quiz_score(run.user.pk, step) if done else None,
                )
            )
    StepProgress.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def quiz_score(user_id: int, step) -> Decimal | None:
    if not isinstance(step, QuizPage):
        return None
    return Decimal(60 + (user_id * 31 + step.pk * 17) % 41)


def attempt_plan(runs: list[CourseRun], total: int) -> Iterator[tuple[CourseRun, QuizPage, int]]:
    """(run, quiz, attempts) for every quiz a trainee reached, `total` attempts in all."""
    reached = [
        (run, step)
        for run in runs
        for index, step in enumerate(run.steps[: run.completed + 1])
        if isinstance(step, QuizPage)
    ]
    if not reached:
        return
    base, extra = divmod(total, len(reached))
    for position, (run, quiz) in enumerate(reached):
        count = base + (1 if position < extra else 0)
        if quiz.max_attempts:
            count = min(count, quiz.max_attempts)
        if count:
            yield run, quiz, count


def create_attempts(runs: list[CourseRun], total: int) -> int:
    """Submitted attempts with their frozen questions and points (answers themselves are not kept)."""
    slots: dict[int, list[int]] = {}
    for slot in QuizSlot.objects.order_by("sort_order").values("quiz_id", "question_id"):
        slots.setdefault(slot["quiz_id"], []).append(slot["question_id"])
    rng = random.Random(SEED + 1)
    attempts, points = [], []
    for run, quiz, count in attempt_plan(runs, total):
        for number in range(1, count + 1):
            started = run.started + timedelta(days=number, hours=quiz.pk % 24)
            marks = [Decimal(1) if rng.random() < 0.4 + 0.15 * number else Decimal(0) for _ in slots[quiz.pk]]
            score = (sum(marks) * 100 / len(marks)).quantize(Decimal("0.01"))
            attempts.append(
                Attempt(
                    quiz=quiz,
                    user=run.user,
                    number=number,
                    status=AttemptStatus.SUBMITTED,
                    started_at=started,
                    submitted_at=started + timedelta(minutes=15),
                    score=score,
                )
            )
            points.append(marks)
    Attempt.objects.bulk_create(attempts, batch_size=5000)
    AttemptQuestion.objects.bulk_create(
        (
            AttemptQuestion(attempt=attempt, question_id=question_id, position=position, points=mark)
            for attempt, marks in zip(attempts, points, strict=True)
            for position, (question_id, mark) in enumerate(zip(slots[attempt.quiz_id], marks, strict=True), 1)
        ),
        batch_size=10_000,
    )
    return len(attempts)


# Assignments ---------------------------------------------------------------------------------

WORK_TEXT = (
    "Note à l'attention de la Délégation de l'UE (cas fictif).\n\n"
    "Problème : les retours accompagnés restent peu suivis après six mois (données agrégées).\n"
    "Demande : inscrire le suivi de la réintégration dans la prochaine programmation."
)
REVISION = (
    "\n\nRévision : cibles distinguées (Délégation de l'UE, OFII, GIZ), demande datée, chiffres sourcés."
)


def awaiting_review_plan(runs: list[CourseRun], total: int) -> list[tuple[CourseRun, AssignmentPage]]:
    """`total` (run, assignment) pairs drawn among the assignments the trainees reached: their work
    handed in and not answered yet."""
    reached = [
        (run, step)
        for run in runs
        for step in run.steps[: run.completed + 1]
        if isinstance(step, AssignmentPage)
    ]
    return random.Random(SEED + 2).sample(reached, min(total, len(reached)))


def create_awaiting_work(plan: list[tuple[CourseRun, AssignmentPage]], trainer) -> int:
    """Submitted work awaiting review: one version, or (every third) a first version returned with
    released rubric feedback and a revised second version."""
    criteria: dict[int, list[RubricCriterion]] = {}
    for criterion in RubricCriterion.objects.filter(assignment__in={a.pk for _r, a in plan}).order_by(
        "sort_order"
    ):
        criteria.setdefault(criterion.assignment_id, []).append(criterion)
    handed_in = [
        run.started + timedelta(days=20 + index % 40, minutes=index) for index, (run, _a) in enumerate(plan)
    ]
    revised = [index % 3 == 0 for index in range(len(plan))]
    submissions = Submission.objects.bulk_create(
        (
            Submission(
                assignment=assignment,
                user=run.user,
                status=SubmissionStatus.SUBMITTED,
                text=WORK_TEXT + (REVISION if again else ""),
                saved_at=when,
            )
            for (run, assignment), when, again in zip(plan, handed_in, revised, strict=True)
        ),
        batch_size=2000,
    )
    versions, first_versions = [], []
    for submission, when, again in zip(submissions, handed_in, revised, strict=True):
        if again:
            first = SubmissionVersion(
                submission=submission, number=1, submitted_at=when - timedelta(days=4), text=WORK_TEXT
            )
            first_versions.append(first)
            versions.append(first)
        versions.append(
            SubmissionVersion(
                submission=submission, number=2 if again else 1, submitted_at=when, text=submission.text
            )
        )
    SubmissionVersion.objects.bulk_create(versions, batch_size=2000)
    feedback = Feedback.objects.bulk_create(
        (
            Feedback(
                version=version,
                reviewer=trainer,
                overall_comment="Ciblez une institution précise.",
                decision=Decision.RETURN,
                points=sum(
                    level_points(criterion=c, level=2) for c in criteria[version.submission.assignment_id]
                ),
                max_points=max_points(criteria=criteria[version.submission.assignment_id]),
                updated_at=version.submitted_at + timedelta(days=2),
                released_at=version.submitted_at + timedelta(days=2),
            )
            for version in first_versions
        ),
        batch_size=2000,
    )
    CriterionMark.objects.bulk_create(
        (
            CriterionMark(
                feedback=answer,
                criterion=criterion,
                position=position,
                level=2,
                points=level_points(criterion=criterion, level=2),
                comment="Précisez la demande et la date.",
            )
            for answer in feedback
            for position, criterion in enumerate(criteria[answer.version.submission.assignment_id])
        ),
        batch_size=5000,
    )
    return len(submissions)


# Questionnaires ------------------------------------------------------------------------------


def _questionnaire(home: HomePage, slug: str, **fields) -> QuestionnairePage:
    return add_page(home, QuestionnairePage(slug_fr=slug, slug_ar=f"{slug}-ar", **fields))


def copy_items(source: QuestionnairePage, target: QuestionnairePage) -> list[QuestionnaireItem]:
    names = [
        f.attname
        for f in QuestionnaireItem._meta.concrete_fields
        if f.attname not in {"id", "questionnaire_id"}
    ]
    return QuestionnaireItem.objects.bulk_create(
        QuestionnaireItem(questionnaire=target, **{name: getattr(item, name) for name in names})
        for item in source.items.order_by("sort_order")
    )


def answer_questionnaire(questionnaire: QuestionnairePage, respondents: list, values_for) -> int:
    """Submitted responses (linked to their respondent unless anonymous) and participations.

    An anonymous questionnaire's responses and participations are written in two independent random
    orders, as `assessments.questionnaires.submit_response` leaves them.
    """
    today = timezone.localdate()
    if questionnaire.is_anonymous:
        respondents = random.SystemRandom().sample(respondents, len(respondents))
    responses = Response.objects.bulk_create(
        Response(
            questionnaire=questionnaire,
            respondent=None if questionnaire.is_anonymous else user,
            status=ResponseStatus.SUBMITTED,
            submitted_on=today,
        )
        for user in respondents
    )
    ItemAnswer.objects.bulk_create(
        (
            ItemAnswer(
                response=response,
                item_id=item_id,
                number=value.number,
                importance=value.importance,
                selection=value.selection,
                text=value.text,
            )
            for response, user in zip(responses, respondents, strict=True)
            for item_id, value in values_for(user).items()
        ),
        batch_size=10_000,
    )
    if questionnaire.is_anonymous:
        respondents = random.SystemRandom().sample(respondents, len(respondents))
    Participation.objects.bulk_create(
        Participation(questionnaire=questionnaire, user=user) for user in respondents
    )
    return len(responses)


def build_needs_assessment(home: HomePage, cohort: Cohort, trainees: list, count: int) -> QuestionnairePage:
    demo = QuestionnairePage.objects.get(purpose=QuestionnairePurpose.NEEDS_ASSESSMENT)
    needs = _questionnaire(
        home,
        NEEDS_SLUG,
        title_fr="Identification des besoins : promotion nationale",
        title_ar="تحديد الاحتياجات: الدفعة الوطنية",
        purpose=QuestionnairePurpose.NEEDS_ASSESSMENT,
        anonymity=Anonymity.NAMED,
        cohort=cohort,
        closes_at=timezone.now() + timedelta(days=30),
    )
    items = copy_items(demo, needs)
    for item in items:
        item.competence = item.competence  # loaded once, reused by every simulated answer
    competences = list(Competence.objects.order_by("sort_order"))
    free_text = first_free_text(items)

    def values_for(user):
        rng = random.Random(f"needs-{user.username}")
        values = _simulated_values(items, competences, rng)
        if free_text and user.pk % 5 == 0:
            values[free_text.pk] = ItemValue(
                text=f"Besoin d'exemples concrets de propositions financées ({user.first_name})."
            )
        return values

    answer_questionnaire(needs, trainees[:count], values_for)
    return needs


def build_workshop(home: HomePage, cohort: Cohort, trainees: list, course: CoursePage) -> Workshop:
    """A held workshop of a regional cohort: attendance, an anonymous closed survey, pre/post tests."""
    survey = _questionnaire(
        home,
        "satisfaction-atelier-regional",
        title_fr="Satisfaction : atelier régional",
        title_ar="الرضا: الورشة الجهوية",
        purpose=QuestionnairePurpose.SATISFACTION,
        anonymity=Anonymity.ANONYMOUS,
        cohort=cohort,
    )
    add_default_satisfaction_items(survey)
    items = list(survey.items.order_by("sort_order"))

    def values_for(user):
        return satisfaction_values(items, random.Random(f"satisfaction-{user.username}"))

    answer_questionnaire(survey, trainees, values_for)
    QuestionnairePage.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(days=1))
    quizzes = list(QuizPage.objects.descendant_of(course).order_by("path"))
    pre_test = next(q for q in quizzes if q.purpose == QuizPurpose.PRE_TEST)
    post_test = next(q for q in quizzes if q.purpose == QuizPurpose.POST_TEST)
    plan = add_page(
        home,
        TrainingPlanPage(
            title_fr="Plan de formation : cohorte régionale",
            title_ar="مخطط التكوين: الفوج الجهوي",
            slug_fr=PLAN_SLUG,
            slug_ar="mukhattat-regional",
            cohort=cohort,
        ),
    )
    workshop = Workshop.objects.create(
        plan=plan,
        title="Atelier régional",
        title_fr="Atelier régional",
        title_ar="الورشة الجهوية",
        starts_at=timezone.now() - timedelta(days=10),
        place="Tunis",
        pre_test=pre_test,
        post_test=post_test,
        satisfaction_survey=survey,
    )
    statuses = [AttendanceStatus.PRESENT] * 8 + [AttendanceStatus.LATE, AttendanceStatus.ABSENT]
    Attendance.objects.bulk_create(
        Attendance(workshop=workshop, trainee=trainee, status=statuses[index % len(statuses)])
        for index, trainee in enumerate(trainees)
    )
    return workshop

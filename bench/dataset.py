"""The benchmark's data set, built on top of the demo (`manage.py load_demo`).

Pages go through Wagtail's tree API (`add_child`), since multi-table page models cannot be
bulk-created; everything else (trainees, cohorts, progress, attempts, answers, attendance) is
bulk-created. Lesson bodies, questions and questionnaire items are the demo's, so pages render real
content. Everything is drawn from fixed seeds: two runs build the same data.
"""

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone, translation
from wagtail.models import Page

from assessments.attempts import start_attempt
from assessments.models import (
    Attempt,
    AttemptQuestion,
    ItemAnswer,
    Participation,
    Question,
    QuestionnaireItem,
    QuestionnairePage,
    QuizPage,
    QuizSlot,
    Response,
)
from assessments.models.attempts import AttemptStatus
from assessments.models.questionnaires import Anonymity, ItemKind, QuestionnairePurpose, ResponseStatus
from assessments.models.quiz import QuizPurpose
from assessments.questionnaires import ItemValue
from assessments.survey_templates import add_default_satisfaction_items
from courses.models import (
    Cohort,
    Competence,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
    StepProgress,
)
from home.models import HomePage
from home.roles import Role
from lms.demo.questionnaire_content import _simulated_values
from lms.models import Attendance, AttendanceStatus, TrainingPlanPage, Workshop

SEED = 20261129
NEEDS_SLUG = "besoins-promotion-nationale"
PLAN_SLUG = "plan-cohorte-regionale"
FIRST_NAMES = ("Amira", "Mohamed", "Sonia", "Yassine", "Ines", "Walid", "Rim", "Skander", "Nour", "Fares")
LAST_NAMES = ("Ben Ali", "Trabelsi", "Mejri", "Chaabane", "Hammami", "Jendoubi", "Karoui", "Ayari", "Dridi")


@dataclass(frozen=True)
class Scale:
    trainees: int = 1000
    regional_cohorts: int = 10
    courses: int = 10
    modules: int = 5
    steps_per_module: int = 10  # the last one of each module is a quiz
    questions_per_quiz: int = 10
    attempts: int = 20_000
    needs_responses: int = 1000


SMALL = Scale(trainees=100, regional_cohorts=4, courses=3, attempts=2000, needs_responses=100)


@dataclass
class BenchData:
    scale: Scale
    trainee: object  # whose lesson, outline, dashboard and attempt are measured
    trainer: object
    task_force: object
    course: CoursePage
    lesson: LessonPage
    national_cohort: Cohort
    open_attempt: Attempt
    needs: QuestionnairePage
    plan: TrainingPlanPage
    workshop: Workshop
    load_trainees: list = field(default_factory=list)  # one per concurrent client
    counts: dict[str, int] = field(default_factory=dict)


# Content -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LessonContent:
    fields: dict


def demo_lessons() -> list[LessonContent]:
    """Titles, summaries and bodies of the demo's lessons, in both languages."""
    names = [f"{name}_{lang}" for name in ("title", "summary") for lang in ("fr", "ar")]
    contents = []
    for lesson in LessonPage.objects.order_by("path"):
        fields = {name: getattr(lesson, name) for name in names}
        for lang in ("fr", "ar"):
            fields[f"body_{lang}"] = json.dumps(list(getattr(lesson, f"body_{lang}").raw_data))
        contents.append(LessonContent(fields))
    if not contents:
        raise SystemExit("The demo has no lesson: run `manage.py load_demo` first.")
    return contents


def _add_page(parent, page):
    with translation.override("fr"):
        page.title = page.title_fr
        page.slug = page.slug_fr
        page.live = True
        parent.add_child(instance=page)
    return page


def _quiz_purpose(module_index: int, modules: int) -> str:
    if module_index == 0:
        return QuizPurpose.PRE_TEST
    if module_index == modules - 1:
        return QuizPurpose.POST_TEST
    return QuizPurpose.GRADED


def build_course(
    catalogue: CourseIndexPage,
    number: int,
    scale: Scale,
    lessons: list[LessonContent],
    questions: list[Question],
    competences: list[Competence],
) -> tuple[CoursePage, list]:
    """One course of `scale.modules` × `scale.steps_per_module` steps; returns it and its steps."""
    course = _add_page(
        catalogue,
        CoursePage(
            title_fr=f"Parcours {number:02d} : plaidoyer et financements européens",
            title_ar=f"المسار {number:02d}: المناصرة والتمويلات الأوروبية",
            slug_fr=f"parcours-{number:02d}",
            slug_ar=f"masar-{number:02d}",
            summary_fr="Un parcours complet, du cadre politique à la proposition de financement.",
            summary_ar="مسار كامل، من الإطار السياسي إلى مقترح التمويل.",
            duration_hours=30,
        ),
    )
    course.competences.set(competences[:6])
    steps = []
    pre_test = None
    rng = random.Random(SEED + number)
    for module_index in range(scale.modules):
        module = _add_page(
            course,
            ModulePage(
                title_fr=f"Module {module_index + 1}",
                title_ar=f"الوحدة {module_index + 1}",
                slug_fr=f"module-{module_index + 1}",
                slug_ar=f"wahda-{module_index + 1}",
            ),
        )
        for step_index in range(scale.steps_per_module - 1):
            content = lessons[(module_index * scale.steps_per_module + step_index) % len(lessons)]
            lesson = LessonPage(**content.fields)
            lesson.slug_fr = f"lecon-{module_index + 1}-{step_index + 1}"
            lesson.slug_ar = f"dars-{module_index + 1}-{step_index + 1}"
            steps.append(_add_page(module, lesson))
        purpose = _quiz_purpose(module_index, scale.modules)
        quiz = _add_page(
            module,
            QuizPage(
                title_fr=f"Quiz du module {module_index + 1}",
                title_ar=f"اختبار الوحدة {module_index + 1}",
                slug_fr=f"quiz-{module_index + 1}",
                slug_ar=f"ikhtibar-{module_index + 1}",
                purpose=purpose,
                max_attempts=3 if purpose == QuizPurpose.GRADED else 0,
                paired_pre_test=pre_test if purpose == QuizPurpose.POST_TEST else None,
            ),
        )
        if purpose == QuizPurpose.PRE_TEST:
            pre_test = quiz
        chosen = rng.sample(questions, scale.questions_per_quiz)
        QuizSlot.objects.bulk_create(
            QuizSlot(quiz=quiz, question=question, sort_order=order) for order, question in enumerate(chosen)
        )
        steps.append(quiz)
    return course, steps


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


def create_progress(runs: list[CourseRun]) -> int:
    rows = []
    for run in runs:
        for index, step in enumerate(run.steps[: run.completed + 1]):
            opened = run.started + timedelta(days=index, minutes=run.user.pk % 60)
            done = index < run.completed
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


# Questionnaires ------------------------------------------------------------------------------


def _questionnaire(home: HomePage, slug: str, **fields) -> QuestionnairePage:
    return _add_page(home, QuestionnairePage(slug_fr=slug, slug_ar=f"{slug}-ar", **fields))


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
    """Submitted responses (linked to their respondent unless anonymous) and participations."""
    today = timezone.localdate()
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
    Participation.objects.bulk_create(
        Participation(questionnaire=questionnaire, user=user, submitted_on=today) for user in respondents
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
    free_text = [item for item in items if item.kind == ItemKind.FREE_TEXT]

    def values_for(user):
        rng = random.Random(f"needs-{user.username}")
        values = _simulated_values(items, competences, rng)
        if free_text and user.pk % 5 == 0:
            values[free_text[0].pk] = ItemValue(
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
        rng = random.Random(f"satisfaction-{user.username}")
        values = {}
        for item in items:
            if item.kind == ItemKind.RATING:
                values[item.pk] = ItemValue(number=rng.choice([3, 4, 4, 5, 5]))
            elif item.kind == ItemKind.SINGLE_CHOICE:
                values[item.pk] = ItemValue(number=rng.choice([0, 0, 0, 1]))
        return values

    answer_questionnaire(survey, trainees, values_for)
    QuestionnairePage.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(days=1))
    quizzes = list(QuizPage.objects.descendant_of(course).order_by("path"))
    pre_test = next(q for q in quizzes if q.purpose == QuizPurpose.PRE_TEST)
    post_test = next(q for q in quizzes if q.purpose == QuizPurpose.POST_TEST)
    plan = _add_page(
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


# The whole set -------------------------------------------------------------------------------


def staff(role: Role):
    return get_user_model().objects.filter(groups__name=role.value).order_by("username").first()


@transaction.atomic
def build(scale: Scale, log=print) -> BenchData:
    home = HomePage.objects.get()
    catalogue = CourseIndexPage.objects.get()
    lessons = demo_lessons()
    questions = list(Question.objects.order_by("pk"))
    competences = list(Competence.objects.order_by("sort_order"))
    courses, steps = [], {}
    for number in range(1, scale.courses + 1):
        course, course_steps = build_course(catalogue, number, scale, lessons, questions, competences)
        courses.append(course)
        steps[course.pk] = course_steps
    log(f"  {len(courses)} courses × {len(course_steps)} steps")

    trainees = create_trainees(scale.trainees)
    start = timezone.now() - timedelta(days=90)
    national = enrol_cohort("Promotion nationale", trainees, courses[:1], start.date())
    enrolments = [(trainee, steps[courses[0].pk]) for trainee in trainees]
    per_cohort = scale.trainees // scale.regional_cohorts
    regional = []
    for index in range(scale.regional_cohorts):
        members = trainees[index * per_cohort : (index + 1) * per_cohort]
        picked = [courses[1 + (index + k) % (len(courses) - 1)] for k in range(2)] if len(courses) > 1 else []
        regional.append(enrol_cohort(f"Cohorte régionale {index + 1}", members, picked, start.date()))
        enrolments += [(trainee, steps[course.pk]) for trainee in members for course in picked]
    log(f"  {len(trainees)} trainees in {1 + len(regional)} cohorts")

    runs = course_runs(enrolments, start)
    counts = {
        "trainees": len(trainees),
        "courses": len(courses),
        "steps_per_course": len(steps[courses[0].pk]),
        "progress_rows": create_progress(runs),
        "attempts": create_attempts(runs, scale.attempts),
    }
    log(f"  {counts['progress_rows']} progress rows, {counts['attempts']} attempts")

    needs = build_needs_assessment(home, national, trainees, scale.needs_responses)
    counts["needs_responses"] = needs.responses.count()
    workshop_cohort = regional[0]
    workshop_trainees = list(workshop_cohort.trainees.order_by("pk"))
    build_workshop(home, workshop_cohort, workshop_trainees, workshop_cohort.courses.first())
    counts["workshop_trainees"] = len(workshop_trainees)
    log(f"  {counts['needs_responses']} needs responses; workshop of {len(workshop_trainees)} trainees")

    return find(scale, counts)


def find(scale: Scale, counts: dict[str, int] | None = None) -> BenchData:
    """The objects the measurements use, from a data set built by `build` (now or in an earlier run)."""
    User = get_user_model()
    course = CoursePage.objects.get(slug_fr="parcours-01")
    steps = list(Page.objects.descendant_of(course).type(LessonPage, QuizPage).specific().order_by("path"))
    lessons = [step for step in steps if isinstance(step, LessonPage)]
    trainee = User.objects.get(username="trainee0001")  # national and regional cohorts: three courses
    post_test = next(s for s in steps if isinstance(s, QuizPage) and s.purpose == QuizPurpose.POST_TEST)
    open_attempt = Attempt.objects.filter(user=trainee, quiz=post_test, status=AttemptStatus.OPEN).first()
    if open_attempt is None:
        open_attempt = start_attempt(user=trainee, quiz=post_test, rng=random.Random(SEED))
    plan = TrainingPlanPage.objects.get(slug_fr=PLAN_SLUG)
    load_trainees = list(User.objects.filter(username__startswith="trainee01").order_by("username")[:20])
    staff_users = [staff(Role.TRAINER), staff(Role.TASK_FORCE)]
    accept_privacy_notice([trainee, *staff_users, *load_trainees])
    return BenchData(
        scale=scale,
        trainee=trainee,
        trainer=staff_users[0],
        task_force=staff_users[1],
        course=course,
        lesson=lessons[len(lessons) // 2],
        national_cohort=Cohort.objects.get(name="Promotion nationale"),
        open_attempt=open_attempt,
        needs=QuestionnairePage.objects.get(slug_fr=NEEDS_SLUG),
        plan=plan,
        workshop=plan.workshops.get(),
        load_trainees=load_trainees,
        counts=counts or data_counts(course),
    )


def accept_privacy_notice(users: list) -> None:
    """The measured users have accepted the privacy notice, as real users would have."""
    from lms.consent import record_consent

    for user in users:
        record_consent(user=user, language="fr")


def data_counts(course: CoursePage) -> dict[str, int]:
    return {
        "trainees": get_user_model().objects.filter(username__startswith="trainee").count(),
        "courses": CoursePage.objects.filter(slug_fr__startswith="parcours-").count(),
        "steps_per_course": Page.objects.descendant_of(course).type(LessonPage, QuizPage).count(),
        "progress_rows": StepProgress.objects.count(),
        "attempts": Attempt.objects.count(),
        "needs_responses": Response.objects.filter(questionnaire__slug_fr=NEEDS_SLUG).count(),
        "workshop_trainees": Attendance.objects.filter(workshop__plan__slug_fr=PLAN_SLUG).count(),
    }

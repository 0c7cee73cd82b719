"""The benchmark's data set, built on top of the demo (`manage.py load_demo`).

`build` adds the courses (`bench.content`) and the trainees' activity on them (`bench.activity`);
`find` fetches, from a data set built now or in an earlier run, the objects the measurements use.
Everything is drawn from fixed seeds: two runs build the same data.
"""

import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from assessments.assignments import awaiting_feedback
from assessments.attempts import start_attempt
from assessments.models import (
    AssignmentPage,
    Attempt,
    Question,
    QuestionnairePage,
    QuizPage,
    Response,
    Submission,
)
from assessments.models.attempts import AttemptStatus
from assessments.models.quiz import QuizPurpose
from courses.models import Cohort, Competence, CourseIndexPage, CoursePage, LessonPage, StepProgress
from home.models import HomePage
from home.roles import Role
from lms.models import Attendance, TrainingPlanPage, Workshop

from .activity import (
    NEEDS_SLUG,
    PLAN_SLUG,
    awaiting_review_plan,
    build_needs_assessment,
    build_workshop,
    course_runs,
    create_attempts,
    create_awaiting_work,
    create_progress,
    create_trainees,
    enrol_cohort,
)
from .content import SEED, build_course, demo_assignment, demo_lessons


@dataclass(frozen=True)
class Scale:
    trainees: int = 1000
    regional_cohorts: int = 10
    courses: int = 10
    modules: int = 5
    steps_per_module: int = 10  # the last two of each module: an assignment, then a quiz
    questions_per_quiz: int = 10
    attempts: int = 20_000
    needs_responses: int = 1000
    awaiting_review: int = 1000  # submitted works in the trainers' "to review" queue


SMALL = Scale(
    trainees=100, regional_cohorts=4, courses=3, attempts=2000, needs_responses=100, awaiting_review=100
)


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
    submission: Submission  # awaiting review: its review page is measured
    needs: QuestionnairePage
    plan: TrainingPlanPage
    workshop: Workshop
    load_trainees: list = field(default_factory=list)  # one per concurrent client
    counts: dict[str, int] = field(default_factory=dict)


def staff(role: Role):
    return get_user_model().objects.filter(groups__name=role.value).order_by("username").first()


@transaction.atomic
def build(scale: Scale, log=print) -> BenchData:
    home = HomePage.objects.get()
    catalogue = CourseIndexPage.objects.get()
    lessons = demo_lessons()
    assignment = demo_assignment()
    questions = list(Question.objects.order_by("pk"))
    competences = list(Competence.objects.order_by("sort_order"))
    courses, steps = [], {}
    for number in range(1, scale.courses + 1):
        course, course_steps = build_course(
            catalogue, number, scale, lessons, questions, competences, assignment
        )
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
    awaiting = awaiting_review_plan(runs, scale.awaiting_review)
    counts = {
        "trainees": len(trainees),
        "courses": len(courses),
        "steps_per_course": len(steps[courses[0].pk]),
        "progress_rows": create_progress(
            runs, awaiting=frozenset((run.user.pk, assignment.pk) for run, assignment in awaiting)
        ),
        "attempts": create_attempts(runs, scale.attempts),
        "works_created_to_review": create_awaiting_work(awaiting, staff(Role.TRAINER)),
        "works_to_review": awaiting_feedback().count(),  # with the demo cohort's
    }
    log(
        f"  {counts['progress_rows']} progress rows, {counts['attempts']} attempts,"
        f" {counts['works_created_to_review']} works to review"
    )

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
    queue = awaiting_feedback().filter(user__username__startswith="trainee")
    # The review page measured: the oldest revised work in the queue (its history shows too).
    submission = queue.filter(version_count__gt=1).first() or queue.first()
    load_trainees = list(User.objects.filter(username__startswith="trainee01").order_by("username")[:20])
    if len(load_trainees) < 20:  # the small data set: other trainees of the national cohort
        others = User.objects.filter(username__startswith="trainee").exclude(pk=trainee.pk)
        others = others.order_by("username")
        load_trainees = list(others[:20])
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
        submission=submission,
        needs=QuestionnairePage.objects.get(slug_fr=NEEDS_SLUG),
        plan=plan,
        workshop=plan.workshops.get(),
        load_trainees=load_trainees,
        counts=counts or data_counts(course),
    )


def accept_privacy_notice(users: list) -> None:
    """The measured users have accepted the privacy notice, as real users would have."""
    from lms.privacy.consent import record_consent

    for user in users:
        record_consent(user=user, language="fr")


def data_counts(course: CoursePage) -> dict[str, int]:
    return {
        "trainees": get_user_model().objects.filter(username__startswith="trainee").count(),
        "courses": CoursePage.objects.filter(slug_fr__startswith="parcours-").count(),
        "steps_per_course": Page.objects.descendant_of(course)
        .type(LessonPage, AssignmentPage, QuizPage)
        .count(),
        "progress_rows": StepProgress.objects.count(),
        "attempts": Attempt.objects.count(),
        "works_to_review": awaiting_feedback().count(),
        "needs_responses": Response.objects.filter(questionnaire__slug_fr=NEEDS_SLUG).count(),
        "workshop_trainees": Attendance.objects.filter(workshop__plan__slug_fr=PLAN_SLUG).count(),
    }

"""What a trainee still has to do, for the dashboard's "to do" list: pre-tests and quizzes with a
closing date not yet completed, in the courses they are enrolled in (read from the progress the
dashboard already holds), work to hand in or to revise, and questionnaires meant for them not yet
submitted; each open now (`availability`). The providers are registered with
`courses.todo.register_todo_provider` in `AssessmentsConfig.ready`; each issues a fixed number of
queries, whatever the data size. The dates of a course's quizzes and assignments, and which
questionnaires are live for which cohort, are content, read once per content version
(`course_dates`, `live_questionnaires`); what the trainee did and which cohorts they belong to are
read from the database."""

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import StepProgress
from courses.progress import CourseProgress
from courses.todo import TodoItem
from home.roles import Role, has_role

from .availability import is_open
from .models import Participation, QuestionnairePage, QuizPage
from .models.quiz import QuizPurpose
from .questionnaires import is_meant_for


class QuizDates(NamedTuple):
    pk: int
    purpose: str
    opens_at: datetime | None
    closes_at: datetime | None


class CourseDates(NamedTuple):
    """The dates of a course's quizzes and assignments: content, the same for every trainee."""

    quizzes: tuple[QuizDates, ...]
    assignment_due: dict[int, datetime | None]


def course_dates(course) -> CourseDates:
    """The live quizzes under `course` and its assignments' due dates, in tree order, read once per
    content version (two queries; a saved page replaces the key: `home.site_cache`)."""
    from home.site_cache import cached_from_page_tree

    from .models import AssignmentPage

    def load() -> CourseDates:
        quizzes = QuizPage.objects.live().filter(path__startswith=course.path).order_by("path")
        assignments = AssignmentPage.objects.filter(path__startswith=course.path)
        return CourseDates(
            quizzes=tuple(
                QuizDates(*row) for row in quizzes.values_list("pk", "purpose", "opens_at", "closes_at")
            ),
            assignment_due=dict(assignments.values_list("pk", "due_at")),
        )

    return cached_from_page_tree(f"assessments:course-dates:{course.pk}", load)


def quizzes_to_take(*, user, progress: Sequence[CourseProgress]) -> list[TodoItem]:
    """Open pre-tests and quizzes with a closing date, not yet completed. Which quizzes and their
    dates are content (`course_dates`, from the cache); whether each is completed, its title and
    its address come from the trainee's `progress`, read by the dashboard from the database (a
    quiz it does not hold, one in an unpublished module, costs two more queries)."""
    now = timezone.now()
    quizzes = [
        quiz
        for entry in progress
        for quiz in course_dates(entry.course).quizzes
        if (quiz.purpose == QuizPurpose.PRE_TEST or quiz.closes_at is not None)
        and is_open(opens_at=quiz.opens_at, closes_at=quiz.closes_at, now=now)
    ]
    states = {step.page.pk: step for entry in progress for step in entry.steps}
    unknown = [quiz.pk for quiz in quizzes if quiz.pk not in states]
    done = {pk for pk, state in states.items() if state.is_complete}
    outside: dict[int, QuizPage] = {}
    if unknown:
        outside = {quiz.pk: quiz for quiz in QuizPage.objects.filter(pk__in=unknown)}
        done |= set(
            StepProgress.objects.filter(
                user=user, page_id__in=unknown, completed_at__isnull=False
            ).values_list("page_id", flat=True)
        )
    items = []
    for quiz in quizzes:
        if quiz.pk in done:
            continue
        title, url = (
            (states[quiz.pk].page.title, states[quiz.pk].url)
            if quiz.pk in states
            else (outside[quiz.pk].title, outside[quiz.pk].url)
        )
        title = _("Take the quiz “%(title)s”") % {"title": title}
        items.append(TodoItem(title=title, url=url, kind="quiz", due=quiz.closes_at))
    return items


class QuestionnaireDates(NamedTuple):
    pk: int
    cohort_id: int | None
    opens_at: datetime | None
    closes_at: datetime | None


def live_questionnaires() -> tuple[QuestionnaireDates, ...]:
    """Every live questionnaire with the cohort it is meant for and its dates, in tree order:
    content, the same for every trainee, read once per content version (`home.site_cache`)."""
    from home.site_cache import cached_from_page_tree

    def load() -> tuple[QuestionnaireDates, ...]:
        rows = QuestionnairePage.objects.live().order_by("path")
        return tuple(
            QuestionnaireDates(*row) for row in rows.values_list("pk", "cohort_id", "opens_at", "closes_at")
        )

    return cached_from_page_tree("assessments:live-questionnaires", load)


def questionnaires_to_fill(*, user, progress: Sequence[CourseProgress]) -> list[TodoItem]:
    """Open questionnaires meant for the trainee and not submitted yet. Which questionnaires are
    open, and for which cohort, is content (`live_questionnaires`); whether the trainee has
    submitted one, and which cohorts they belong to, come from the database: a query when a
    questionnaire is open, another when one is meant for a cohort. Titles and addresses come from
    the page-tree cache."""
    from courses.models import Cohort
    from home.site_cache import pages_from_page_tree

    if not has_role(user, Role.TRAINEE):
        return []
    now = timezone.now()
    open_now = [
        q for q in live_questionnaires() if is_open(opens_at=q.opens_at, closes_at=q.closes_at, now=now)
    ]
    if not open_now:
        return []
    submitted = set(
        Participation.objects.filter(user=user, questionnaire_id__in=[q.pk for q in open_now]).values_list(
            "questionnaire_id", flat=True
        )
    )
    waiting = [q for q in open_now if q.pk not in submitted]
    named = {q.cohort_id for q in waiting if q.cohort_id is not None}
    trainee_cohorts = (
        set(
            Cohort.trainees.through.objects.filter(user_id=user.pk, cohort_id__in=named).values_list(
                "cohort_id", flat=True
            )
        )
        if named
        else set()
    )
    wanted = [q.pk for q in waiting if is_meant_for(cohort_id=q.cohort_id, trainee_cohorts=trainee_cohorts)]
    pages = pages_from_page_tree(QuestionnairePage, wanted)
    return [
        TodoItem(
            title=_("Fill in “%(title)s”") % {"title": questionnaire.title},
            url=questionnaire.url,
            kind="questionnaire",
            due=questionnaire.closes_at,
        )
        for questionnaire in pages.values()
    ]


def assignments_to_hand_in(*, user, progress: Sequence[CourseProgress]) -> list[TodoItem]:
    """Assignments among the steps of the dashboard's `progress` not handed in yet, or returned for
    revision: the trainee's status on each from the database (one query of plain values), the due
    dates from the cache (`course_dates`), the title and the address with the progress."""
    from django.contrib.contenttypes.models import ContentType

    from .models import AssignmentPage, Submission
    from .models.assignments import SubmissionStatus

    assignment_type = ContentType.objects.get_for_model(AssignmentPage).pk  # Django caches it
    steps = [
        (step, course_dates(entry.course).assignment_due.get(step.page.pk))
        for entry in progress
        for step in entry.steps
        if step.page.content_type_id == assignment_type
    ]
    if not steps:
        return []
    statuses = dict(
        Submission.objects.filter(user=user, assignment_id__in=[step.page.pk for step, _due in steps])
        .order_by()
        .values_list("assignment_id", "status")
    )
    items = []
    for step, due_at in steps:
        status = statuses.get(step.page.pk) or SubmissionStatus.DRAFT
        if status == SubmissionStatus.RETURNED:
            title = _("Revise your work “%(title)s”") % {"title": step.page.title}
        elif status == SubmissionStatus.DRAFT:
            title = _("Hand in your work “%(title)s”") % {"title": step.page.title}
        else:
            continue
        items.append(TodoItem(title=title, url=step.url, kind="assignment", due=due_at))
    return items

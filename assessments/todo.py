"""What a trainee still has to do, for the dashboard's "to do" list: pre-tests and quizzes with a
closing date not yet completed, in the courses they are enrolled in (read from the progress the
dashboard already holds), work to hand in or to revise, and questionnaires meant for them not yet
submitted; each open now (`availability`). The providers are registered with
`courses.todo.register_todo_provider` in `AssessmentsConfig.ready`; each issues a fixed number of
queries, whatever the data size. The dates of a course's quizzes and assignments are content, read
once per content version (`course_dates`); what the trainee did is read from the database."""

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import StepProgress
from courses.progress import CourseProgress
from courses.todo import TodoItem
from home.roles import Role, has_role

from .availability import is_open, open_filter
from .models import Participation, QuestionnairePage, QuizPage
from .models.quiz import QuizPurpose
from .questionnaires import meant_for


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


def questionnaires_to_fill(*, user, progress: Sequence[CourseProgress]) -> list[TodoItem]:
    """Open questionnaires meant for the trainee and not submitted yet: which ones from the
    database (one query), their titles and addresses from the page-tree cache."""
    from home.site_cache import pages_from_page_tree

    if not has_role(user, Role.TRAINEE):
        return []
    candidates = list(
        QuestionnairePage.objects.live()
        .filter(open_filter(now=timezone.now()))
        .filter(meant_for(user=user))
        .exclude(pk__in=Participation.objects.filter(user=user).values("questionnaire_id"))
        .distinct()
        .order_by("path")
        .values_list("pk", flat=True)
    )
    pages = pages_from_page_tree(QuestionnairePage, candidates)
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

"""What a trainee still has to do, for the dashboard's "to do" list: pre-tests and quizzes with a
closing date not yet completed, in the courses they are enrolled in (read from the progress the
dashboard already holds), and questionnaires meant for them not yet submitted; each open now
(`availability.open_filter`). Both providers are registered with `courses.todo.register_todo_provider`
in `AssessmentsConfig.ready`; each issues a fixed number of queries, whatever the data size."""

from collections.abc import Sequence

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import StepProgress
from courses.progress import CourseProgress
from courses.todo import TodoItem
from home.roles import Role, has_role

from .availability import open_filter
from .models import Participation, QuestionnairePage, QuizPage
from .models.quiz import QuizPurpose
from .questionnaires import meant_for


def quizzes_to_take(*, user, progress: Sequence[CourseProgress]) -> list[TodoItem]:
    """Open pre-tests and quizzes with a closing date, not yet completed (one query of plain values):
    whether each is completed, its title and its address come from the trainee's `progress`, read
    by the dashboard (a quiz it does not hold, one in an unpublished module, costs one more query)."""
    courses = [entry.course for entry in progress]
    if not courses:
        return []
    now = timezone.now()
    under_courses = Q(pk__in=[])
    for course in courses:
        under_courses |= Q(path__startswith=course.path)
    quizzes = list(
        QuizPage.objects.live()
        .filter(under_courses)
        .filter(Q(purpose=QuizPurpose.PRE_TEST) | Q(closes_at__isnull=False))
        .filter(open_filter(now=now))
        .order_by("path")
        .values_list("pk", "closes_at")
    )
    states = {step.page.pk: step for entry in progress for step in entry.steps}
    unknown = [pk for pk, _closes_at in quizzes if pk not in states]
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
    for pk, closes_at in quizzes:
        if pk in done:
            continue
        title, url = (
            (states[pk].page.title, states[pk].url) if pk in states else (outside[pk].title, outside[pk].url)
        )
        items.append(
            TodoItem(
                title=_("Take the quiz “%(title)s”") % {"title": title}, url=url, kind="quiz", due=closes_at
            )
        )
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
    revision (one query of plain values: each one's due date and the trainee's status on it; the
    title and the address come with the progress)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import OuterRef, Subquery

    from .models import AssignmentPage, Submission
    from .models.assignments import SubmissionStatus

    assignment_type = ContentType.objects.get_for_model(AssignmentPage).pk  # Django caches it
    steps = [
        step for entry in progress for step in entry.steps if step.page.content_type_id == assignment_type
    ]
    if not steps:
        return []
    own = Submission.objects.filter(user=user, assignment=OuterRef("pk")).values("status")[:1]
    rows = {
        pk: (due_at, status)
        for pk, due_at, status in AssignmentPage.objects.filter(pk__in=[step.page.pk for step in steps])
        .annotate(own_status=Subquery(own))
        .values_list("pk", "due_at", "own_status")
    }
    items = []
    for step in steps:
        due_at, status = rows.get(step.page.pk, (None, None))
        status = status or SubmissionStatus.DRAFT
        if status == SubmissionStatus.RETURNED:
            title = _("Revise your work “%(title)s”") % {"title": step.page.title}
        elif status == SubmissionStatus.DRAFT:
            title = _("Hand in your work “%(title)s”") % {"title": step.page.title}
        else:
            continue
        items.append(TodoItem(title=title, url=step.url, kind="assignment", due=due_at))
    return items

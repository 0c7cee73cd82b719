"""The trainer's weekly summary for the cohort's group chat: plain text in each language, with short
links (`/fr/go/<page id>/`) that survive being pasted into a messaging application."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from assessments.models import AssignmentPage, QuestionnairePage, QuizPage
from assessments.questionnaires import meant_for_cohort
from courses.models import Cohort, CoursePage
from home.languages import direction, language_codes

from ..models import TrainingPlanPage, Workshop
from .calendar import absolute

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class SummaryLine:
    kind: str  # "workshop", "assignment", "quiz" or "questionnaire"
    title: str
    moment: datetime
    link: str


@dataclass(frozen=True)
class WeeklySummary:
    language: str
    direction: str
    text: str


def short_link(page_id: int) -> str:
    """A short address of a page in the active language."""
    return absolute(reverse("lms:short_link", kwargs={"page_id": page_id}))


def _lines(*, cohort: Cohort, start: datetime) -> list[SummaryLine]:
    end = start + WEEK
    plans = TrainingPlanPage.objects.live().filter(cohort=cohort)
    workshops = Workshop.objects.filter(plan__in=plans, starts_at__gte=start, starts_at__lt=end).order_by(
        "starts_at"
    )
    lines = [SummaryLine("workshop", w.title, w.starts_at, short_link(w.plan_id)) for w in workshops]
    under = Q(pk__in=[])
    for course in CoursePage.objects.filter(cohorts=cohort):
        under |= Q(path__startswith=course.path)
    quizzes = (
        QuizPage.objects.live().filter(under, closes_at__gte=start, closes_at__lt=end).order_by("closes_at")
    )
    lines += [SummaryLine("quiz", q.title, q.closes_at, short_link(q.pk)) for q in quizzes]
    assignments = (
        AssignmentPage.objects.live().filter(under, due_at__gte=start, due_at__lt=end).order_by("due_at")
    )
    lines += [SummaryLine("assignment", a.title, a.due_at, short_link(a.pk)) for a in assignments]
    questionnaires = (
        QuestionnairePage.objects.live()
        .filter(meant_for_cohort(cohort=cohort), closes_at__gte=start, closes_at__lt=end)
        .order_by("closes_at")
    )
    lines += [SummaryLine("questionnaire", q.title, q.closes_at, short_link(q.pk)) for q in questionnaires]
    return sorted(lines, key=lambda line: line.moment)


def weekly_summaries(*, cohort: Cohort, today: date | None = None) -> list[WeeklySummary]:
    """The week from `today` (local) for `cohort`, once per language of the site."""
    today = today or timezone.localdate()
    start = timezone.make_aware(datetime.combine(today, datetime.min.time()))
    found = []
    for code in language_codes():
        with translation.override(code):
            lines = _lines(cohort=cohort, start=start)
            text = render_to_string(
                "lms/notifications/weekly_summary.txt", {"lines": lines, "today": today, "cohort": cohort}
            )
        found.append(WeeklySummary(language=code, direction=direction(code), text=text.strip()))
    return found

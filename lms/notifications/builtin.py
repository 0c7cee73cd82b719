"""The platform's own triggers (registered when the app is ready). Each reads its rule from its home:
deadlines from the quiz, "who is expected to answer" from `assessments.questionnaires.meant_for`,
"answered" from participation records only (never from answers), workshops from approved plans."""

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce
from wagtail.models import TaskState

from assessments.availability import open_filter
from assessments.models import Participation, QuestionnairePage, QuizPage
from assessments.questionnaires import meant_for
from courses.models import CoursePage, StepProgress

from ..models import Certificate, TrainingPlanPage, Workshop
from .calendar import workshop_calendar
from .recipients import trainees
from .triggers import DEADLINE_STEPS, WORKSHOP_STEPS, Occurrence, Trigger, register_trigger, reminder_ahead

RECENT = timedelta(days=7)


def _page_link(page):
    return lambda: page.get_url() or ""


@register_trigger
class QuizDue(Trigger):
    key = "quiz_due"
    template = "quiz_due"

    def occurrences(self, *, now: datetime):
        quizzes = QuizPage.objects.live().filter(
            closes_at__gt=now, closes_at__lte=now + DEADLINE_STEPS[0].within
        )
        for quiz in quizzes.order_by("closes_at"):
            occasion = reminder_ahead(moment=quiz.closes_at, now=now, steps=DEADLINE_STEPS)
            course = CoursePage.objects.ancestor_of(quiz).first()
            if occasion is None or course is None:
                continue
            done = StepProgress.objects.filter(
                page_id=quiz.pk, user=OuterRef("pk"), completed_at__isnull=False
            )
            for person in trainees().filter(cohorts__courses=course).exclude(Exists(done)).distinct():
                yield Occurrence(
                    recipient=person,
                    object_key=f"quiz:{quiz.pk}",
                    occasion=occasion,
                    context={"quiz": quiz, "deadline": quiz.closes_at},
                    link=_page_link(quiz),
                )


def not_answered(*, questionnaire: QuestionnairePage):
    """The trainees expected to answer `questionnaire` who have not submitted it, read from the
    participation records alone (an anonymous answer is never looked at)."""
    expected = QuestionnairePage.objects.filter(pk=questionnaire.pk).filter(meant_for(user=OuterRef("pk")))
    answered = Participation.objects.filter(questionnaire=questionnaire, user=OuterRef("pk"))
    return trainees().filter(Exists(expected)).exclude(Exists(answered)).distinct()


@register_trigger
class QuestionnaireOpened(Trigger):
    key = "questionnaire_opened"
    template = "questionnaire_opened"

    def occurrences(self, *, now: datetime):
        questionnaires = (
            QuestionnairePage.objects.live()
            .filter(open_filter(now=now))
            .annotate(opened_at=Coalesce("opens_at", "first_published_at"))
            .filter(opened_at__gte=now - RECENT)
        )
        for questionnaire in questionnaires.order_by("path"):
            for person in not_answered(questionnaire=questionnaire):
                yield Occurrence(
                    recipient=person,
                    object_key=f"questionnaire:{questionnaire.pk}",
                    occasion="opened",
                    context={"questionnaire": questionnaire, "deadline": questionnaire.closes_at},
                    link=_page_link(questionnaire),
                )


@register_trigger
class QuestionnaireReminder(Trigger):
    """The trainer's "remind those who have not answered": one reminder a day at most."""

    key = "questionnaire_reminder"
    template = "questionnaire_reminder"
    periodic = False

    def for_questionnaire(self, *, questionnaire: QuestionnairePage, today):
        for person in not_answered(questionnaire=questionnaire):
            yield Occurrence(
                recipient=person,
                object_key=f"questionnaire:{questionnaire.pk}",
                occasion=today.isoformat(),
                context={"questionnaire": questionnaire, "deadline": questionnaire.closes_at},
                link=_page_link(questionnaire),
            )


def _ics(workshop: Workshop):
    return lambda: workshop_calendar(workshop=workshop)


@register_trigger
class WorkshopSoon(Trigger):
    key = "workshop_soon"
    template = "workshop_soon"

    def occurrences(self, *, now: datetime):
        workshops = (
            Workshop.objects.filter(
                plan__in=TrainingPlanPage.objects.live(),
                plan__cohort__isnull=False,
                starts_at__gt=now,
                starts_at__lte=now + WORKSHOP_STEPS[0].within,
            )
            .select_related("plan")
            .order_by("starts_at")
        )
        for workshop in workshops:
            occasion = reminder_ahead(moment=workshop.starts_at, now=now, steps=WORKSHOP_STEPS)
            if occasion is None:
                continue
            for person in trainees().filter(cohorts=workshop.plan.cohort_id):
                yield Occurrence(
                    recipient=person,
                    object_key=f"workshop:{workshop.pk}",
                    occasion=occasion,
                    context={"workshop": workshop, "plan": workshop.plan},
                    link=_page_link(workshop.plan),
                    ics=_ics(workshop),
                )


PLAN_WAITING = timedelta(days=3)


@register_trigger
class PlanAwaitingApproval(Trigger):
    """Wagtail mails the approvers when a plan is submitted; this reminds them once it has waited
    three days."""

    key = "plan_awaiting_approval"
    template = "plan_awaiting_approval"

    def occurrences(self, *, now: datetime):
        from ..training.approvals import _plan_task_states

        states = _plan_task_states().filter(
            status=TaskState.STATUS_IN_PROGRESS, started_at__lte=now - PLAN_WAITING
        )
        for state in states:
            plan = TrainingPlanPage.objects.filter(pk=int(state.workflow_state.object_id)).first()
            task = state.task.specific
            if plan is None or not hasattr(task, "groups"):
                continue
            approvers = (
                get_user_model().objects.filter(groups__in=task.groups.all(), is_active=True).distinct()
            )
            for person in approvers:
                yield Occurrence(
                    recipient=person,
                    object_key=f"approval:{state.pk}",
                    occasion="waiting",
                    context={"plan": plan, "submitted_at": state.started_at, "task_state": state},
                    link=lambda state=state: _approval_link(state),
                )


def _approval_link(state) -> str:
    from django.urls import reverse

    return reverse("lms:approval", kwargs={"task_state_id": state.pk})


@register_trigger
class CertificateIssued(Trigger):
    key = "certificate_issued"
    template = "certificate_issued"

    def occurrences(self, *, now: datetime):
        from django.urls import reverse
        from django.utils import timezone

        since = timezone.localdate(now) - RECENT
        for certificate in Certificate.objects.filter(issued_on__gte=since).select_related("user"):
            yield Occurrence(
                recipient=certificate.user,
                object_key=f"certificate:{certificate.code}",
                occasion="issued",
                context={"certificate": certificate},
                link=lambda: reverse("lms:certificates"),
            )

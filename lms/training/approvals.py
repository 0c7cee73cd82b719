"""The OTE approver's one-screen decision on a training plan, through Wagtail's own workflow.

Each decision is the approval task's `on_action` ("approve" or "reject"), so the workflow history,
its notifications and the publication rule (`lms.training.plans.may_publish_plan`) stay those of Wagtail.
Who may decide is the task's own answer (`Task.get_actions`); a decision already taken is not
taken twice (the second click of a double submit gets `AlreadyDecided`).
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, TaskState, WorkflowState

from home.refusals import Refusal

from ..models import ApprovalSignature, StaffProfile, TrainingPlanPage


class DecisionRefused(Refusal):
    message = _("This decision cannot be taken.")


class NotForYou(DecisionRefused):
    """The person may not decide on this task (the view answers 404: nothing leaks)."""


class CommentRequired(DecisionRefused):
    message = _("Please write what should change: the trainer receives your comment.")


class AlreadyDecided(DecisionRefused):
    def __init__(self, task_state: TaskState):
        super().__init__()
        self.task_state = task_state

    @property
    def message(self) -> str:
        if self.task_state.status == TaskState.STATUS_APPROVED:
            return _("This plan has already been approved: nothing more to do.")
        if self.task_state.status == TaskState.STATUS_REJECTED:
            return _("Changes have already been requested for this plan: it is back with the trainer.")
        return _("This plan is no longer awaiting approval: nothing more to do.")


@dataclass(frozen=True)
class PlanDecision:
    """A plan's approval task as the approver's screen shows it."""

    task_state: TaskState
    plan: TrainingPlanPage  # the page as stored (its title and public address)
    submitted_by: object | None
    submitted_at: datetime

    @cached_property
    def submitted(self) -> TrainingPlanPage:
        """The revision awaiting approval, as the public page would show it (read on demand: a
        list of decisions does not deserialise each revision)."""
        return self.task_state.revision.as_object() if self.task_state.revision_id else self.plan

    @property
    def is_pending(self) -> bool:
        return self.task_state.status == TaskState.STATUS_IN_PROGRESS

    @property
    def is_approved(self) -> bool:
        return self.task_state.status == TaskState.STATUS_APPROVED

    @property
    def changes_requested(self) -> bool:
        return self.task_state.status == TaskState.STATUS_REJECTED


def _plan_task_states():
    return TaskState.objects.filter(
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        workflow_state__content_type=ContentType.objects.get_for_model(TrainingPlanPage),
    ).select_related("revision", "workflow_state__requested_by", "task")


def awaiting_approval(*, user) -> list[PlanDecision]:
    """The plans awaiting `user`'s approval, the oldest submission first (a constant number of
    queries: the task states, the plans, and one per approval task)."""
    states = list(
        _plan_task_states()
        .filter(pk__in=TaskState.objects.reviewable_by(user).values("pk"))
        .order_by("started_at")
    )
    plans = TrainingPlanPage.objects.in_bulk([int(state.workflow_state.object_id) for state in states])
    return [
        _decision(state, plans[int(state.workflow_state.object_id)])
        for state in states
        if int(state.workflow_state.object_id) in plans
    ]


def _decision(state: TaskState, plan: TrainingPlanPage) -> PlanDecision:
    return PlanDecision(
        task_state=state,
        plan=plan,
        submitted_by=state.workflow_state.requested_by,
        submitted_at=state.started_at,
    )


def may_decide(*, user, task_state: TaskState, plan: Page) -> bool:
    """The approval task's own rule: whoever it offers its actions to (its groups, superusers)."""
    return bool(user.is_authenticated and task_state.task.specific.get_actions(plan, user))


def plan_decision(*, user, task_state_id: int) -> PlanDecision:
    """The plan's approval task `task_state_id`, for a person who may decide on it (else `NotForYou`,
    the same whether the task exists or not)."""
    state = _plan_task_states().filter(pk=task_state_id).first()
    if state is None:
        raise NotForYou
    plan = TrainingPlanPage.objects.filter(pk=int(state.workflow_state.object_id)).first()
    if plan is None or not may_decide(user=user, task_state=state, plan=plan):
        raise NotForYou
    return _decision(state, plan)


def _locked_pending(*, user, task_state_id: int) -> TaskState:
    decision = plan_decision(user=user, task_state_id=task_state_id)
    state = TaskState.objects.select_for_update().get(pk=decision.task_state.pk)
    if state.status != TaskState.STATUS_IN_PROGRESS:
        raise AlreadyDecided(state)
    return state


def function_of(user) -> StaffProfile | None:
    return StaffProfile.objects.filter(user=user).first()


@transaction.atomic
def approve_plan(*, user, task_state_id: int) -> TaskState:
    """Approve the plan (Wagtail then publishes the revision), and sign with the approver's function
    as it stands today."""
    state = _locked_pending(user=user, task_state_id=task_state_id)
    state.task.specific.on_action(state, user, "approve")
    profile = function_of(user)
    signature = ApprovalSignature(task_state=state)
    if profile is not None:
        for language in settings.MODELTRANSLATION_LANGUAGES:
            field = build_localized_fieldname("function", language)
            setattr(signature, field, getattr(profile, field))
    signature.full_clean()
    signature.save()
    return state


@transaction.atomic
def request_changes(*, user, task_state_id: int, comment: str) -> TaskState:
    """Send the plan back to the trainer with `comment` (required), kept in the workflow history
    and sent in Wagtail's notification."""
    state = _locked_pending(user=user, task_state_id=task_state_id)
    comment = comment.strip()
    if not comment:
        raise CommentRequired
    state.task.specific.on_action(state, user, "reject", comment=comment)
    return state


@dataclass(frozen=True)
class PlanSentBack:
    """A plan an approver sent back to the trainers, with what should change."""

    plan: TrainingPlanPage
    comment: str
    requested_by: object | None
    requested_at: datetime


def plans_sent_back() -> list[PlanSentBack]:
    """The plans whose approval asked for changes and that no one has resubmitted yet."""
    states = list(
        _plan_task_states()
        .filter(
            status=TaskState.STATUS_REJECTED,
            workflow_state__status=WorkflowState.STATUS_NEEDS_CHANGES,
            workflow_state__current_task_state=F("pk"),
        )
        .select_related("finished_by")
        .order_by("-finished_at")
    )
    plans = TrainingPlanPage.objects.in_bulk([int(state.workflow_state.object_id) for state in states])
    return [
        PlanSentBack(
            plans[int(state.workflow_state.object_id)], state.comment, state.finished_by, state.finished_at
        )
        for state in states
        if int(state.workflow_state.object_id) in plans
    ]

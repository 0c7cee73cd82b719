"""Training plan approval and workshop attendance rules."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, Page, TaskState, Workflow, WorkflowPage, WorkflowTask

from home.roles import Role, has_role

from .models import Attendance, AttendanceStatus, TrainingPlanPage, Workshop

APPROVAL_WORKFLOW = "OTE approval"


PLAN_READERS = (Role.TRAINER, Role.TASK_FORCE, Role.OTE_APPROVER)


def may_read_plan(*, user, plan: TrainingPlanPage) -> bool:
    """The staff roles read every plan; a trainee reads the approved (live) plan of their cohort."""
    if has_role(user, *PLAN_READERS):
        return True
    return (
        user.is_authenticated
        and plan.live
        and plan.cohort_id is not None
        and plan.cohort.trainees.filter(pk=user.pk).exists()
    )


def plans_of_trainee(*, user):
    """The approved (live) plans of the cohorts `user` belongs to, the most recent first."""
    return (
        TrainingPlanPage.objects.live()
        .filter(cohort__trainees=user)
        .distinct()
        .order_by("-period_start", "-first_published_at")
    )


def next_workshop(*, user, now: datetime | None = None) -> Workshop | None:
    """The trainee's coming workshop: the first not yet started, in an approved plan of their cohort."""
    return (
        Workshop.objects.filter(plan__in=plans_of_trainee(user=user), starts_at__gte=now or timezone.now())
        .select_related("plan")
        .order_by("starts_at")
        .first()
    )


@transaction.atomic
def ensure_approval_workflow() -> Workflow:
    """The "OTE approval" workflow: one group approval task for the OTE approvers. Idempotent."""
    workflow, _created = Workflow.objects.get_or_create(name=APPROVAL_WORKFLOW, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=APPROVAL_WORKFLOW).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_WORKFLOW)
    task.groups.set([Group.objects.get(name=Role.OTE_APPROVER.value)])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def require_approval(plan: Page) -> None:
    """Every training plan goes through the OTE approval workflow before it is published."""
    WorkflowPage.objects.update_or_create(page=plan, defaults={"workflow": ensure_approval_workflow()})


@dataclass(frozen=True)
class Approval:
    approver: object
    approved_at: datetime
    is_current: bool  # the approved version is the one published


def approval_of(plan: TrainingPlanPage) -> Approval | None:
    """Who approved the plan and when, from its latest approved workflow task."""
    state = (
        TaskState.objects.filter(
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
            workflow_state__object_id=str(plan.pk),
            status=TaskState.STATUS_APPROVED,
        )
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )
    if state is None:
        return None
    # Approving publishes the latest revision, which may be newer than the one submitted: the
    # approver's own form saves one (Draftail re-serialises rich text). Any revision saved during
    # the review and published by the approval is the approved version; one saved later is not.
    live = plan.live_revision
    is_current = live is not None and (
        live.pk == state.revision_id or (live.pk > state.revision_id and live.created_at <= state.finished_at)
    )
    return Approval(approver=state.finished_by, approved_at=state.finished_at, is_current=is_current)


# Attendance ----------------------------------------------------------------------------------


def cohort_trainees(cohort) -> list:
    if cohort is None:
        return []
    return list(cohort.trainees.order_by("last_name", "first_name", "username"))


def expected_trainees(workshop: Workshop) -> list:
    return cohort_trainees(workshop.plan.cohort)


@dataclass(frozen=True)
class AttendanceEntry:
    trainee_id: int
    status: str
    note: str = ""


class AttendanceRefused(Exception):
    message = _("Attendance can only be recorded for the trainees of the plan's cohort.")

    def __str__(self) -> str:
        return str(self.message)


@transaction.atomic
def record_attendance(*, workshop: Workshop, entries: list[AttendanceEntry]) -> int:
    """Save every entry or none. Returns how many rows were written."""
    allowed = {trainee.pk for trainee in expected_trainees(workshop)}
    if any(entry.trainee_id not in allowed for entry in entries):
        raise AttendanceRefused
    for entry in entries:
        Attendance.objects.update_or_create(
            workshop=workshop,
            trainee_id=entry.trainee_id,
            defaults={"status": entry.status, "note": entry.note},
        )
    return len(entries)


@dataclass(frozen=True)
class AttendanceSummary:
    expected: int
    counts: dict[str, int]

    @property
    def attended(self) -> int:
        return self.counts.get(AttendanceStatus.PRESENT, 0) + self.counts.get(AttendanceStatus.LATE, 0)

    @property
    def recorded(self) -> int:
        return sum(self.counts.values())

    @property
    def rate(self) -> int:
        """Present or late, out of the trainees expected (excused absences count as absences)."""
        return round(self.attended * 100 / self.expected) if self.expected else 0


def summarise_attendance(statuses: Iterable[str], expected: int) -> AttendanceSummary:
    counts = dict.fromkeys(AttendanceStatus.values, 0)
    for status in statuses:
        counts[status] += 1
    return AttendanceSummary(expected, counts)


def attendance_summary(*, workshop: Workshop, expected: int | None = None) -> AttendanceSummary:
    if expected is None:
        expected = len(expected_trainees(workshop))
    return summarise_attendance(workshop.attendance.values_list("status", flat=True), expected)


def agreed_priorities() -> list:
    """The priority competences of the most recent needs-identification minutes."""
    from assessments.models import MeetingMinutes

    minutes = MeetingMinutes.objects.order_by("-meeting_date", "-pk").first()
    return list(minutes.priority_competences.order_by("sort_order")) if minutes else []

"""Training plan approval and workshop attendance rules."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, Page, TaskState, Workflow, WorkflowPage, WorkflowTask

from home.numbers import percent_of
from home.people import by_name
from home.refusals import Refusal
from home.roles import Role, has_role

from ..models import ApprovalSignature, Attendance, AttendanceStatus, StaffProfile, TrainingPlanPage, Workshop

# The workflow and its task are stored under a French name, the site's language, which Wagtail's
# admin screens show as it is; the e-mails and the site show the translated label instead.
APPROVAL_WORKFLOW = "Approbation de l'OTE"
APPROVAL_LABEL = _("OTE approval")
FORMER_APPROVAL_NAMES = ("OTE approval",)  # renamed by migration lms 0005


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


def approved_plans_of(*, user, prefix: str = "") -> Q:
    """The approved (live) plans of the cohorts `user` belongs to, as a filter on plans (behind
    `prefix`): a workshop's own query reads its plan through a join, not a subquery."""
    return Q(**{f"{prefix}live": True, f"{prefix}cohort__trainees": user})


def plans_of_trainee(*, user):
    """The approved (live) plans of the cohorts `user` belongs to, the most recent first."""
    return (
        TrainingPlanPage.objects.filter(approved_plans_of(user=user))
        .distinct()
        .order_by("-period_start", "-first_published_at")
    )


def next_workshop(*, user, now: datetime | None = None) -> Workshop | None:
    """The trainee's coming workshop: the first not yet started, in an approved plan of their cohort
    (one query), with its plan page from the page-tree cache (the navigation links to it)."""
    from home.site_cache import pages_from_page_tree

    workshop = (
        Workshop.objects.filter(approved_plans_of(user=user, prefix="plan__"))
        .exclude(held_filter(now=now))
        .order_by("starts_at")
        .first()
    )
    if workshop is not None:
        plan = pages_from_page_tree(TrainingPlanPage, [workshop.plan_id]).get(workshop.plan_id)
        if plan is not None:
            workshop.plan = plan
    return workshop


@transaction.atomic
def ensure_approval_workflow() -> Workflow:
    """The OTE approval workflow: one group approval task for the OTE approvers. Idempotent."""
    Workflow.objects.filter(name__in=FORMER_APPROVAL_NAMES).update(name=APPROVAL_WORKFLOW)
    GroupApprovalTask.objects.filter(name__in=FORMER_APPROVAL_NAMES).update(name=APPROVAL_WORKFLOW)
    workflow, _created = Workflow.objects.get_or_create(name=APPROVAL_WORKFLOW, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=APPROVAL_WORKFLOW).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_WORKFLOW)
    task.groups.set([Group.objects.get(name=Role.OTE_APPROVER.value)])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def workflow_label(*, name: str) -> str:
    """The name of a workflow or task as the reader's language says it (other names as stored)."""
    if name == APPROVAL_WORKFLOW or name in FORMER_APPROVAL_NAMES:
        return str(APPROVAL_LABEL)
    return name


def require_approval(plan: Page) -> None:
    """Every training plan goes through the OTE approval workflow before it is published."""
    WorkflowPage.objects.update_or_create(page=plan, defaults={"workflow": ensure_approval_workflow()})


def ensure_plans_need_approval() -> int:
    """Give the OTE approval workflow to every plan without one (plans copied before the
    after_copy_page hook existed). Idempotent; returns how many plans it changed."""
    missing = TrainingPlanPage.objects.filter(workflowpage__isnull=True)
    plans = list(missing)
    for plan in plans:
        require_approval(plan)
    return len(plans)


# Publication ---------------------------------------------------------------------------------
# A training plan is published in one way only: an OTE approver approves it in the "OTE approval"
# workflow, whose last step publishes the approved revision. No one publishes a plan otherwise
# (create, edit, revert, copy, alias, bulk action, API): `PlanPermissionTester.can_publish` holds
# the rule, and lms/wagtail_hooks.py closes the admin paths that do not ask the page's own tester.

PUBLICATION_REFUSED = _(
    "A training plan is published only when an OTE approver approves it: save it as a draft, then "
    "submit it for approval. Nothing was saved."
)

COPY_IS_A_DRAFT = _(
    "A copied training plan is a draft: it is published only when an OTE approver approves it. Submit "
    "it for approval."
)


def _latest_approval(plan_id: int) -> TaskState | None:
    return (
        TaskState.objects.filter(
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
            workflow_state__object_id=str(plan_id),
            status=TaskState.STATUS_APPROVED,
        )
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )


def may_publish_plan(*, user, plan: Page) -> bool:
    """True only while the workflow publishes what `user`, an OTE approver, has just approved.

    Wagtail's workflow marks the task approved, then publishes the latest revision as the approver:
    at that moment the plan holds an approval newer than its last publication. At any other moment
    (an approver's "Publish" button, a trainer's anything) the answer is no.
    """
    from home.roles import Role, has_role

    if not has_role(user, Role.OTE_APPROVER) or plan.pk is None:
        return False
    approval = _latest_approval(plan.pk)
    if approval is None:
        return False
    last_published = Page.objects.filter(pk=plan.pk).values_list("last_published_at", flat=True).first()
    return last_published is None or last_published < approval.finished_at


def holds_plans(page: Page) -> bool:
    """Whether `page` is a training plan or has one below it (a copy of it would copy a plan)."""
    return page.get_descendants(inclusive=True).type(TrainingPlanPage).exists()


@dataclass(frozen=True)
class Approval:
    approver: object
    approved_at: datetime
    is_current: bool  # the approved version is the one published
    function: str = ""  # the approver's function, as signed


def _signed_function(state: TaskState) -> str:
    """The function the approver signed with (`lms.training.approvals.approve_plan` records it). An approval
    given from Wagtail's own screens has no signature: the approver's function on file stands in."""
    signature = ApprovalSignature.objects.filter(task_state=state).first()
    if signature is not None:
        return signature.function or ""
    profile = StaffProfile.objects.filter(user_id=state.finished_by_id).first()
    return profile.function or "" if profile is not None else ""


def approval_of(plan: TrainingPlanPage) -> Approval | None:
    """Who approved the plan and when, from its latest approved workflow task."""
    state = _latest_approval(plan.pk)
    if state is None:
        return None
    # Approving publishes the latest revision, which may be newer than the one submitted: the
    # approver's own form saves one (Draftail re-serialises rich text). Any revision saved during
    # the review and published by the approval is the approved version; one saved later is not.
    live = plan.live_revision
    is_current = live is not None and (
        live.pk == state.revision_id or (live.pk > state.revision_id and live.created_at <= state.finished_at)
    )
    return Approval(
        approver=state.finished_by,
        approved_at=state.finished_at,
        is_current=is_current,
        function=_signed_function(state),
    )


# Attendance ----------------------------------------------------------------------------------


def cohort_trainees(cohort) -> list:
    if cohort is None:
        return []
    return list(by_name(cohort.trainees.all()))


def expected_trainees(workshop: Workshop) -> list:
    return cohort_trainees(workshop.plan.cohort)


# A workshop is held once its start time has come: attendance is recorded from then on, and only
# a held workshop gives a certificate or counts as held in the report. One home for the rule: the
# Python test for one workshop and the query filter for many.


def is_held(*, workshop: Workshop, now: datetime | None = None) -> bool:
    return workshop.starts_at <= (now or timezone.now())


def held_filter(*, now: datetime | None = None, prefix: str = "") -> Q:
    """`is_held` as a query filter; `prefix` reaches the workshop from another model ("workshop__")."""
    return Q(**{f"{prefix}starts_at__lte": now or timezone.now()})


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


@dataclass(frozen=True)
class AttendanceEntry:
    trainee_id: int
    status: str
    note: str = ""


class AttendanceRefused(Refusal):
    message = _("Attendance can only be recorded for the trainees of the plan's cohort.")


class WorkshopNotHeldYet(AttendanceRefused):
    def __init__(self, workshop: Workshop):
        super().__init__()
        self.workshop = workshop

    @property
    def message(self) -> str:
        return _(
            "This workshop has not taken place yet: its attendance can be recorded from its start, %(start)s."
        ) % {"start": _when(self.workshop.starts_at)}


@transaction.atomic
def record_attendance(
    *, workshop: Workshop, entries: list[AttendanceEntry], now: datetime | None = None
) -> int:
    """Save every entry or none. Returns how many rows were written.

    Refused (`WorkshopNotHeldYet`) before the workshop starts, and (`AttendanceRefused`) for anyone
    outside the plan's cohort.
    """
    if not is_held(workshop=workshop, now=now):
        raise WorkshopNotHeldYet(workshop)
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


def reschedule_error(*, workshop: Workshop, starts_at: datetime | None, now: datetime | None = None) -> str:
    """Why `workshop` may not move to `starts_at` ("" when it may).

    The attendance sheet is a record: once attendance is recorded, the workshop cannot move to a
    date that has not come yet (it would no longer be held, and its certificates would rest on a
    session that has not happened). Moving it within the past, to correct a typo, stays possible.
    """
    if workshop.pk is None or starts_at is None or starts_at <= (now or timezone.now()):
        return ""
    if not workshop.attendance.exists():
        return ""
    return str(
        _(
            "Attendance has already been recorded for this workshop: it cannot move to a date that has "
            "not come yet. Keep its date, or create a new workshop for the new date."
        )
    )


def removal_error(*, workshop: Workshop) -> str:
    """Why `workshop` may not be deleted ("" when it may): its attendance sheet is a record."""
    if workshop.pk is None or not workshop.attendance.exists():
        return ""
    return str(
        _("Attendance has been recorded for the workshop “%(title)s”: it cannot be deleted.")
        % {"title": workshop.title}
    )


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
        return percent_of(self.attended, self.expected)


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
    """The priority competences of the most recent adopted needs-identification minutes (a draft or
    a correction not yet adopted has agreed nothing)."""
    from assessments.models import MeetingMinutes
    from assessments.models.questionnaires import MinutesStatus

    minutes = (
        MeetingMinutes.objects.filter(status=MinutesStatus.ADOPTED).order_by("-meeting_date", "-pk").first()
    )
    return list(minutes.priority_competences.order_by("sort_order")) if minutes else []

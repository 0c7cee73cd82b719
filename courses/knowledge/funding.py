"""The funding-source register's rules: the pipeline log, what trainees see, proposals, re-checks."""

import datetime

from django.db import transaction
from django.db.models import QuerySet

from home.roles import Role, has_role

from .facts import FactStatus
from .models import FundingSource, FundingStatusChange, PipelineStatus


def current_pipeline_status(*, changes) -> str:
    """The status of the latest row of the dated log (the first step when the log is empty)."""
    latest = max(changes, key=lambda change: (change.changed_on, change.pk or 0), default=None)
    return latest.status if latest else PipelineStatus.TO_EXPLORE


def visible_to_trainees() -> QuerySet[FundingSource]:
    """Approved (published) and verified entries: what the public register lists."""
    return FundingSource.objects.filter(live=True, verification_status=FactStatus.VERIFIED)


def pending_proposals(*, user) -> QuerySet[FundingSource]:
    """The user's own proposals still awaiting a trainer's approval: nobody else's."""
    if not user.is_authenticated:
        return FundingSource.objects.none()
    return FundingSource.objects.filter(proposed_by=user, live=False)


def proposals_to_check() -> QuerySet[FundingSource]:
    """Trainees' proposals no trainer has approved yet: what a trainer checks, oldest first."""
    return FundingSource.objects.filter(live=False, proposed_by__isnull=False).order_by("pk")


def due_for_recheck(*, today: datetime.date) -> QuerySet[FundingSource]:
    """Exactly the overdue entries: a re-check date before today (the day itself is on time)."""
    return FundingSource.objects.filter(recheck_by__lt=today).order_by("recheck_by", "name")


def may_approve(*, user) -> bool:
    return has_role(user, Role.TRAINER)


@transaction.atomic
def propose(*, user, fields: dict) -> FundingSource:
    """A trainee's proposal: saved as a draft revision, unpublished, unverified, invisible to
    others until a trainer approves (publishes) it."""
    source = FundingSource(**fields, proposed_by=user, live=False, verification_status=FactStatus.UNVERIFIED)
    source.full_clean()
    source.save()
    source.save_revision(user=user)
    return source


@transaction.atomic
def approve(*, source: FundingSource, user) -> FundingSource:
    """A trainer publishes the entry (the admin's "Publish" does the same)."""
    if not may_approve(user=user):
        raise PermissionError("Only trainers approve funding sources.")
    source.full_clean()
    source.save_revision(user=user).publish(user=user)
    source.refresh_from_db()
    return source


@transaction.atomic
def record_status_change(
    *, source: FundingSource, status: str, on: datetime.date, note: str = ""
) -> FundingStatusChange:
    """One more row in the pipeline log; the entry's status follows it."""
    change = FundingStatusChange(source=source, status=status, changed_on=on, note=note)
    change.full_clean(exclude=["source"])
    change.save()
    source.pipeline_status = current_pipeline_status(changes=source.status_changes.all())
    FundingSource.objects.filter(pk=source.pk).update(pipeline_status=source.pipeline_status)
    return change

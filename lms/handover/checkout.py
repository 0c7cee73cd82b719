"""Trainer checkout: an OTE staff member becomes a trainer after co-facilitating a workshop, giving a
short teaching demonstration and re-verifying one fact, each step recorded by a trainer."""

from django.contrib.auth.models import Group
from django.db import transaction

from home.roles import Role, has_role

from ..models import CheckoutRecord, CheckoutStep


def missing_steps(*, candidate) -> list[str]:
    done = set(CheckoutRecord.objects.filter(candidate=candidate).values_list("step", flat=True))
    return [step for step in CheckoutStep.values if step not in done]


@transaction.atomic
def record_checkout_step(*, record: CheckoutRecord, recorded_by) -> bool:
    """Sign the record with the trainer who saw the step; once every step is recorded, the staff
    member joins the trainers. Returns whether they are a trainer now."""
    if record.recorded_by_id is None:
        CheckoutRecord.objects.filter(pk=record.pk).update(recorded_by=recorded_by)
    candidate = record.candidate
    if missing_steps(candidate=candidate):
        return False
    if not has_role(candidate, Role.TRAINER):
        candidate.groups.add(Group.objects.get(name=Role.TRAINER.value))
    return True

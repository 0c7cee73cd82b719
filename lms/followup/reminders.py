"""Reminders and calendar entries of the check-ins (`lms.followup.checkins`): "check-in due in 3 days,
then in 1 day" to the trainee who has not given it, and each check-in date in the personal feed.

A check-in falls on a day (computed from its workshop's date, never stored): its moment is that
day's midnight in Tunis, so "in 3 days" reaches the trainee three days before, whatever the hour the
periodic command runs."""

from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Commitment
from ..notifications.calendar import CalendarEntry, absolute, register_calendar_source
from ..notifications.triggers import DEADLINE_STEPS, Occurrence, Trigger, register_trigger, reminder_ahead
from .checkins import (
    OFFSETS,
    CheckInSlot,
    SlotState,
    commitments_with_check_ins,
    slots_of,
    upcoming_check_ins,
)

# The last milestone falls six months after its workshop: older workshops have nothing ahead.
_LAST_MONTHS = max(months for _weeks, months in OFFSETS.values())
LOOK_BACK = timedelta(days=31 * _LAST_MONTHS) + DEADLINE_STEPS[0].within


def day_starts(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def check_in_path(slot: CheckInSlot) -> str:
    return reverse(
        "lms:followup:check_in", kwargs={"commitment_id": slot.commitment.pk, "milestone": slot.milestone}
    )


@register_trigger
class CheckInDue(Trigger):
    key = "checkin_due"
    template = "checkin_due"

    def occurrences(self, *, now: datetime):
        commitments = commitments_with_check_ins(
            Commitment.objects.filter(workshop__starts_at__gte=now - LOOK_BACK, workshop__starts_at__lte=now)
        )
        for commitment in commitments:
            for slot in slots_of(commitment, now=now):
                if slot.state == SlotState.GIVEN:
                    continue
                occasion = reminder_ahead(moment=day_starts(slot.due_on), now=now, steps=DEADLINE_STEPS)
                if occasion is None:
                    continue
                yield Occurrence(
                    recipient=commitment.trainee,
                    object_key=f"checkin:{commitment.pk}:{slot.milestone}",
                    occasion=occasion,
                    context={"slot": slot, "commitment": commitment, "workshop": commitment.workshop},
                    link=lambda slot=slot: check_in_path(slot),
                )


# Every milestone falls within six months of its workshop, and commitments follow the workshop.
FEED_HORIZON = timedelta(days=366)


@register_calendar_source
def check_in_entries(*, user) -> list[CalendarEntry]:
    """The dates of `user`'s check-ins not given yet, each a whole day (two queries)."""
    return [
        CalendarEntry(
            uid=f"checkin-{slot.commitment.pk}-{slot.milestone}@tounesna",
            title=_("Check-in due: %(action)s") % {"action": slot.commitment.action},
            starts_at=day_starts(slot.due_on),
            ends_at=day_starts(slot.due_on + timedelta(days=1)),
            description=_("Milestone: %(milestone)s. Workshop: %(workshop)s.")
            % {"milestone": slot.milestone_label, "workshop": slot.commitment.workshop.title},
            url=absolute(check_in_path(slot)),
            all_day=True,
        )
        for slot in upcoming_check_ins(user=user, within=FEED_HORIZON)
    ]

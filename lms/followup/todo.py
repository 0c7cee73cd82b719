"""Check-ins in the trainee's to-do list (`courses.todo`)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from courses.todo import TodoItem

from .checkins import end_of, open_check_ins


def check_ins_to_give(*, user, progress=()) -> list[TodoItem]:
    """The check-ins due or overdue (two queries; they follow workshops, not the courses' `progress`)."""
    if not user.is_authenticated:
        return []
    return [
        TodoItem(
            title=_("Check in on your commitment “%(action)s” (%(milestone)s)")
            % {"action": slot.commitment.action, "milestone": slot.milestone_label},
            url=reverse(
                "lms:followup:check_in",
                kwargs={"commitment_id": slot.commitment.pk, "milestone": slot.milestone},
            ),
            kind="check_in",
            due=end_of(slot.due_on),
        )
        for slot in open_check_ins(user=user)
    ]

"""Reminders and calendar entries of the assignments (`assessments.assignments`): "work due in
3 days, then in 1 day" to the enrolled trainees who still owe it, "feedback returned" when a trainer
releases feedback (never a draft), and each due date in the personal feed."""

from datetime import datetime, timedelta

from django.db.models import OuterRef
from django.utils.translation import gettext as _

from assessments.assignments import work_handed_in
from assessments.models import AssignmentPage, Feedback
from assessments.models.assignments import Decision
from courses.models import CoursePage

from .calendar import CalendarEntry, absolute, in_enrolled_courses, register_calendar_source
from .recipients import trainees
from .triggers import DEADLINE_STEPS, Occurrence, Trigger, register_trigger, reminder_ahead

RECENT = timedelta(days=7)  # released feedback older than this is not announced any more


def _page_link(page):
    return lambda: page.get_url() or ""


def still_to_hand_in(*, assignment: AssignmentPage):
    """The trainees enrolled in the assignment's course who have not handed their work in, or whose
    work was returned for revision."""
    course = CoursePage.objects.ancestor_of(assignment).first()
    if course is None:
        return trainees().none()
    return (
        trainees()
        .filter(cohorts__courses=course)
        .exclude(work_handed_in(assignment=assignment, user=OuterRef("pk")))
        .distinct()
    )


@register_trigger
class AssignmentDue(Trigger):
    key = "assignment_due"
    template = "assignment_due"

    def occurrences(self, *, now: datetime):
        assignments = AssignmentPage.objects.live().filter(
            due_at__gt=now, due_at__lte=now + DEADLINE_STEPS[0].within
        )
        for assignment in assignments.order_by("due_at"):
            occasion = reminder_ahead(moment=assignment.due_at, now=now, steps=DEADLINE_STEPS)
            if occasion is None:
                continue
            for person in still_to_hand_in(assignment=assignment):
                yield Occurrence(
                    recipient=person,
                    object_key=f"assignment:{assignment.pk}",
                    occasion=occasion,
                    context={"assignment": assignment, "deadline": assignment.due_at},
                    link=_page_link(assignment),
                )


@register_trigger
class FeedbackReturned(Trigger):
    """Feedback released by a trainer: returned for revision or accepted. A draft is never announced
    (it has no release date), and released feedback is a record: one message each."""

    key = "feedback_returned"
    template = "feedback_returned"

    def occurrences(self, *, now: datetime):
        released = (
            Feedback.objects.filter(released_at__gte=now - RECENT, released_at__lte=now)
            .exclude(decision="")
            .select_related("version__submission__user", "version__submission__assignment")
            .order_by("released_at", "pk")
        )
        for feedback in released:
            submission = feedback.version.submission
            yield Occurrence(
                recipient=submission.user,
                object_key=f"feedback:{feedback.pk}",
                occasion=feedback.decision,
                context={
                    "assignment": submission.assignment,
                    "feedback": feedback,
                    "accepted": feedback.decision == Decision.ACCEPT,
                    "version": feedback.version.number,
                },
                link=_page_link(submission.assignment),
            )


DUE_DATE_SLOT = timedelta(minutes=30)  # a due date shows as the half-hour before it, like a quiz's


@register_calendar_source
def assignment_entries(*, user) -> list[CalendarEntry]:
    """The due dates of the assignments of `user`'s courses, except work handed in or accepted."""
    under = in_enrolled_courses(user=user)
    if under is None:
        return []
    assignments = (
        AssignmentPage.objects.live()
        .filter(under, due_at__isnull=False)
        .exclude(work_handed_in(assignment=OuterRef("pk"), user=user))
        .order_by("due_at")
    )
    return [
        CalendarEntry(
            uid=f"assignment-{assignment.pk}@tounesna",
            title=_("Assignment due: %(title)s") % {"title": assignment.title},
            starts_at=assignment.due_at - DUE_DATE_SLOT,
            ends_at=assignment.due_at,
            url=absolute(assignment.get_url() or ""),
        )
        for assignment in assignments
    ]

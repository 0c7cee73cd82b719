"""The trainer's queue: work handed in and not answered yet, its count, and the matrix's notice."""

from django.db.models import Count, Max, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ..models import Submission
from ..models.assignments import SubmissionStatus


def awaiting_feedback(*, assignment_ids: list[int] | None = None) -> QuerySet:
    """Submissions handed in and not answered yet, oldest first, with what the queue shows (one query)."""
    submissions = Submission.objects.filter(status=SubmissionStatus.SUBMITTED)
    if assignment_ids is not None:
        submissions = submissions.filter(assignment_id__in=assignment_ids)
    return (
        submissions.select_related("user", "assignment")
        .annotate(
            version_count=Count("versions"),
            handed_in_at=Max("versions__submitted_at"),
            feedback_drafted=Count(
                "versions__feedback", filter=Q(versions__feedback__released_at__isnull=True)
            ),
        )
        .order_by("handed_in_at", "pk")
    )


def awaiting_feedback_count(*, user_ids=None) -> int:
    submissions = Submission.objects.filter(status=SubmissionStatus.SUBMITTED)
    if user_ids is not None:
        submissions = submissions.filter(user_id__in=user_ids)
    return submissions.count()


def _waiting_for_review():
    """A trainee's works handed in and not answered yet, counted on the matrix's row for them."""
    return (
        Submission.objects.filter(status=SubmissionStatus.SUBMITTED, user=OuterRef("pk"))
        .order_by()
        .values("user")
        .annotate(count=Count("pk"))
        .values("count")[:1]
    )


def _review_line(cohort, count: int):
    from django.urls import reverse

    from courses.matrix import MatrixNotice

    label = _("To review (%(count)s)") % {"count": count}
    return MatrixNotice(
        label=str(label), url=f"{reverse('assessments_review_queue')}?cohort={cohort.pk}", count=count
    )


def review_notice():
    """Above the cohort's progress matrix: "To review (n)", linking to the queue for that cohort; the
    count is read in the matrix's own query (`courses.matrix.MatrixNoticeSource`)."""
    from courses.matrix import MatrixNoticeSource

    return MatrixNoticeSource(waiting=_waiting_for_review, notice=_review_line)

"""The trainer's side: feedback drafted, then released with a decision that returns the work or
accepts it (completing the step with its score), and reopening (the rules: `assessments.assignments`)."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from courses.progress import mark_step_complete

from ..models import AssignmentPage, CriterionMark, Feedback, Submission, SubmissionVersion
from ..models.assignments import Decision, SubmissionStatus
from .refusals import DecisionMissing, FeedbackReleased, LevelMissing, NotAwaitingFeedback, NotReopenable
from .rubric import criteria_of, level_points, levels_of, max_points, score, score_percent
from .submission import EDITABLE


def released_feedback(version: SubmissionVersion) -> Feedback | None:
    """The feedback the trainee may read: released only."""
    feedback = getattr(version, "feedback", None)
    return feedback if feedback is not None and feedback.is_released else None


@dataclass(frozen=True)
class MarkInput:
    level: int | None = None
    comment: str = ""


def latest_version(*, submission: Submission) -> SubmissionVersion | None:
    return submission.versions.order_by("-number").first()


@transaction.atomic
def save_feedback(
    *,
    version: SubmissionVersion,
    reviewer,
    marks: Mapping[int, MarkInput],
    overall_comment: str = "",
    decision: str = "",
    release: bool = False,
    now: datetime | None = None,
) -> Feedback:
    """Draft the feedback on the latest version awaiting it; with `release`, send it with its decision:
    the work goes back for revision, or is accepted (the step completed, with its score)."""
    now = now or timezone.now()
    submission = (
        Submission.objects.select_for_update().select_related("assignment").get(pk=version.submission_id)
    )
    if (
        submission.status != SubmissionStatus.SUBMITTED
        or latest_version(submission=submission).pk != version.pk
    ):
        raise NotAwaitingFeedback()
    feedback = Feedback.objects.select_for_update().filter(version=version).first()
    if feedback is not None and feedback.is_released:
        raise FeedbackReleased()
    assignment = submission.assignment.specific
    criteria = criteria_of(assignment=assignment)
    chosen: list[CriterionMark] = []
    for position, criterion in enumerate(criteria):
        entry = marks.get(criterion.pk, MarkInput())
        valid_levels = {number for number, _d, _p in levels_of(criterion)}
        level = entry.level if entry.level in valid_levels else None
        points = level_points(criterion=criterion, level=level) if level else None
        chosen.append(
            CriterionMark(
                criterion=criterion, position=position, level=level, points=points, comment=entry.comment
            )
        )
    if release:
        if criteria and any(mark.level is None for mark in chosen):
            raise LevelMissing()
        if decision not in Decision.values:
            raise DecisionMissing()
    if feedback is None:
        feedback = Feedback(version=version)
    feedback.reviewer = reviewer
    feedback.overall_comment = overall_comment
    feedback.decision = decision if decision in Decision.values else ""
    feedback.points = score(points=[mark.points for mark in chosen]) if criteria else None
    feedback.max_points = max_points(criteria=criteria) if criteria else None
    feedback.updated_at = now
    feedback.released_at = now if release else None
    feedback.full_clean()
    feedback.save()
    feedback.marks.all().delete()
    for mark in chosen:
        mark.feedback = feedback
    CriterionMark.objects.bulk_create(chosen)
    if release:
        _decide(submission=submission, assignment=assignment, feedback=feedback)
    return feedback


def _decide(*, submission: Submission, assignment: AssignmentPage, feedback: Feedback) -> None:
    if feedback.decision == Decision.ACCEPT:
        submission.status = SubmissionStatus.ACCEPTED
        submission.save(update_fields=["status"])
        mark_step_complete(user=submission.user, page=assignment, score=score_percent(feedback))
    else:
        submission.status = SubmissionStatus.RETURNED
        submission.save(update_fields=["status"])


@transaction.atomic
def reopen(*, submission: Submission, by, now: datetime | None = None) -> Submission:
    """Allow one more submission of returned work, past the due date or the revisions allowed."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status not in EDITABLE:
        raise NotReopenable()
    submission.reopened_at = now or timezone.now()
    submission.reopened_by = by
    submission.save(update_fields=["reopened_at", "reopened_by"])
    return submission


def marks_of(feedback: Feedback | None) -> list[CriterionMark]:
    if feedback is None:
        return []
    return list(feedback.marks.select_related("criterion"))

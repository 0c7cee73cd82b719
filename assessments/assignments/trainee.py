"""What the trainee's page of an assignment shows: their submission, their versions with the
feedback released on each, and whether (and why not) they may hand in their work now."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from ..models import AssignmentPage, Feedback, Submission, SubmissionVersion
from ..models.assignments import SubmissionStatus
from .refusals import AssignmentError
from .review import released_feedback
from .submission import EDITABLE, own_submission, revisions_left, submission_refusal, versions_of


@dataclass(frozen=True)
class VersionEntry:
    version: SubmissionVersion
    feedback: Feedback | None  # released only


@dataclass(frozen=True)
class TraineeView:
    submission: Submission | None
    versions: list[VersionEntry]
    refusal: AssignmentError | None  # why the work cannot be handed in now
    revisions_left: int

    @property
    def status(self) -> str:
        return self.submission.status if self.submission is not None else SubmissionStatus.DRAFT

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def may_submit(self) -> bool:
        return self.refusal is None

    @property
    def latest_feedback(self) -> Feedback | None:
        return self.versions[-1].feedback if self.versions else None


def trainee_view(*, user, assignment: AssignmentPage, now: datetime | None = None) -> TraineeView:
    """The trainee's submission, their versions with the feedback released on each (two queries)."""
    submission = own_submission(user=user, assignment=assignment)
    versions = versions_of(submission=submission)
    return TraineeView(
        submission=submission,
        versions=[VersionEntry(version, released_feedback(version)) for version in versions],
        refusal=submission_refusal(
            assignment=assignment, submission=submission, versions=len(versions), now=now or timezone.now()
        ),
        revisions_left=revisions_left(assignment=assignment, versions=len(versions)),
    )

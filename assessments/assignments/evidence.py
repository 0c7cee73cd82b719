"""Competence evidence: the accepted assignments of a trainee, with their competences and score."""

from dataclasses import dataclass
from datetime import datetime

from ..models import AssignmentPage, Feedback
from ..models.assignments import Decision
from .rubric import score_percent


@dataclass(frozen=True)
class Evidence:
    assignment: AssignmentPage
    competences: list
    accepted_at: datetime | None
    score: int | None  # percent of the rubric's maximum


def competence_evidence(*, user) -> list[Evidence]:
    """The accepted assignments of a trainee, each with the competences it shows and its score (two
    queries: the accepted versions' feedback with their assignments, the competences)."""
    accepted = list(
        Feedback.objects.filter(
            version__submission__user=user,
            decision=Decision.ACCEPT,
            released_at__isnull=False,
        )
        .select_related("version__submission__assignment")
        .prefetch_related("version__submission__assignment__competences")
        .order_by("released_at")
    )
    return [
        Evidence(
            assignment=feedback.version.submission.assignment,
            competences=list(feedback.version.submission.assignment.competences.all()),
            accepted_at=feedback.released_at,
            score=score_percent(feedback),
        )
        for feedback in accepted
    ]

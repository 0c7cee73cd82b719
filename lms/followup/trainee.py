"""What a trainee sees of their follow-up: per workshop attended, their commitments and check-ins,
and the coaching sessions the trainer recorded with them."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from ..models import CoachingSession, Commitment, Workshop
from .checkins import CheckInSlot, commitments_with_check_ins, slots_of
from .commitments import MAX_COMMITMENTS, attended_workshops


@dataclass(frozen=True)
class CommitmentLine:
    commitment: Commitment
    slots: list[CheckInSlot]


@dataclass(frozen=True)
class WorkshopFollowUp:
    workshop: Workshop
    commitments: list[CommitmentLine]

    @property
    def may_add(self) -> bool:
        return len(self.commitments) < MAX_COMMITMENTS


@dataclass(frozen=True)
class FollowUp:
    workshops: list[WorkshopFollowUp]
    sessions: list[CoachingSession]


def follow_up_of(*, user, now: datetime | None = None) -> FollowUp:
    """Four queries whatever the number of workshops, commitments and check-ins."""
    workshops = list(attended_workshops(user=user, now=now))
    by_workshop = defaultdict(list)
    commitments = commitments_with_check_ins(
        Commitment.objects.filter(trainee=user, workshop__in=[w.pk for w in workshops])
    )
    for commitment in commitments:
        by_workshop[commitment.workshop_id].append(CommitmentLine(commitment, slots_of(commitment, now=now)))
    return FollowUp(
        workshops=[WorkshopFollowUp(workshop, by_workshop[workshop.pk]) for workshop in reversed(workshops)],
        sessions=list(CoachingSession.objects.filter(trainee=user).select_related("coach")),
    )

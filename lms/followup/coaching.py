"""Coaching: the trainer's board of who needs attention, and the sessions they record."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from home.people import NAME_ORDER

from ..models import CheckIn, CheckInStatus, CoachingSession, Commitment
from .checkins import CheckInSlot, SlotState, commitments_with_check_ins, slots_of


@dataclass
class TraineeFollowUp:
    """One trainee's line on the board."""

    trainee: object
    due: list[CheckInSlot] = field(default_factory=list)
    overdue: list[CheckInSlot] = field(default_factory=list)
    blocked: list[CheckIn] = field(default_factory=list)  # the latest check-in of a commitment says blocked
    done: list[CheckIn] = field(default_factory=list)  # the latest check-in of a commitment says done
    coaching_requests: list[CheckIn] = field(default_factory=list)  # not answered by a session since
    last_session: CoachingSession | None = None

    @property
    def needs_attention(self) -> bool:
        return bool(self.overdue or self.blocked or self.coaching_requests)


def latest_check_in(commitment: Commitment) -> CheckIn | None:
    given = list(commitment.check_ins.all())
    return max(given, key=lambda check_in: (check_in.submitted_at, check_in.pk)) if given else None


def coaching_board(*, trainees=None, now: datetime | None = None) -> list[TraineeFollowUp]:
    """Every trainee with commitments (or among `trainees`): check-ins due, overdue, blocked, done,
    and coaching requests not answered by a session held on or after the request. Three queries."""
    commitments = Commitment.objects.all()
    if trainees is not None:
        commitments = commitments.filter(trainee__in=trainees)
    commitments = list(commitments_with_check_ins(commitments))
    people = {commitment.trainee_id: commitment.trainee for commitment in commitments}
    sessions = defaultdict(list)
    for session in CoachingSession.objects.filter(trainee_id__in=people).order_by("-held_on", "-pk"):
        sessions[session.trainee_id].append(session)
    in_order = sorted(people.values(), key=lambda person: tuple(getattr(person, f) for f in NAME_ORDER))
    lines = {
        person.pk: TraineeFollowUp(person, last_session=next(iter(sessions[person.pk]), None))
        for person in in_order
    }
    for commitment in commitments:
        line = lines[commitment.trainee_id]
        for slot in slots_of(commitment, now=now):
            if slot.state == SlotState.DUE:
                line.due.append(slot)
            elif slot.state == SlotState.OVERDUE:
                line.overdue.append(slot)
        latest = latest_check_in(commitment)
        if latest is not None and latest.status == CheckInStatus.BLOCKED:
            line.blocked.append(latest)
        if latest is not None and latest.status == CheckInStatus.DONE:
            line.done.append(latest)
        for check_in in commitment.check_ins.all():
            answered = any(
                session.held_on >= timezone.localdate(check_in.submitted_at)
                for session in sessions[commitment.trainee_id]
            )
            if check_in.coaching_requested and not answered:
                line.coaching_requests.append(check_in)
    return list(lines.values())


@transaction.atomic
def record_session(
    *, coach, trainee, held_on, duration_minutes: int, topics: str, next_step: str = ""
) -> CoachingSession:
    session = CoachingSession(
        coach=coach,
        trainee=trainee,
        held_on=held_on,
        duration_minutes=duration_minutes,
        topics=topics.strip(),
        next_step=next_step.strip(),
    )
    session.full_clean()
    session.save()
    return session

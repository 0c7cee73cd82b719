"""Check-ins: when each falls due after the workshop, when it is overdue, and giving one.

A commitment is checked at three milestones counted from its workshop's date: four weeks, three
months and six months after. The dates are never stored: they are computed from the workshop's
current date, so a workshop moved (a typo corrected) moves its check-ins with it.

A check-in can be given from `OPENS_BEFORE` ahead of its date; it is *due* from then until
`OVERDUE_AFTER` past its date, and *overdue* afterwards until it is given. A given check-in is a
record: it is never edited (the next milestone says what changed).
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.uploads import DOCUMENT_KINDS, check_document

from ..models import CheckIn, CheckInStatus, Commitment, Milestone

OPENS_BEFORE = timedelta(days=7)
OVERDUE_AFTER = timedelta(days=14)

# (weeks, months) after the workshop's date.
OFFSETS: dict[str, tuple[int, int]] = {
    Milestone.FOUR_WEEKS: (4, 0),
    Milestone.THREE_MONTHS: (0, 3),
    Milestone.SIX_MONTHS: (0, 6),
}


class SlotState:
    UPCOMING = "upcoming"  # not open yet
    DUE = "due"
    OVERDUE = "overdue"
    GIVEN = "given"


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when shorter (31 August + 6: end of February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def workshop_day(starts_at: datetime) -> date:
    return timezone.localdate(starts_at)


def due_on(*, workshop_starts_at: datetime, milestone: str) -> date:
    weeks, months = OFFSETS[milestone]
    return add_months(workshop_day(workshop_starts_at), months) + timedelta(weeks=weeks)


def today(now: datetime | None = None) -> date:
    return timezone.localdate(now or timezone.now())


@dataclass(frozen=True)
class CheckInSlot:
    """One milestone of one commitment: when it falls and where it stands."""

    commitment: Commitment
    milestone: str
    due_on: date
    state: str
    check_in: CheckIn | None

    @property
    def opens_on(self) -> date:
        return self.due_on - OPENS_BEFORE

    @property
    def milestone_label(self) -> str:
        return str(Milestone(self.milestone).label)

    @property
    def is_open(self) -> bool:
        return self.state in (SlotState.DUE, SlotState.OVERDUE)

    @property
    def status_badge(self) -> str:
        """The badge's colour for the given check-in's status (blocked is not shown as a success)."""
        return STATUS_BADGES.get(self.check_in.status, "text-bg-light") if self.check_in else ""


STATUS_BADGES = {
    CheckInStatus.DONE: "text-bg-success",
    CheckInStatus.IN_PROGRESS: "text-bg-info",
    CheckInStatus.BLOCKED: "text-bg-danger",
}


def slot_state(*, due: date, given: bool, on: date) -> str:
    """The due/overdue rule: the one place that says where a check-in stands on a given day."""
    if given:
        return SlotState.GIVEN
    if on < due - OPENS_BEFORE:
        return SlotState.UPCOMING
    if on > due + OVERDUE_AFTER:
        return SlotState.OVERDUE
    return SlotState.DUE


def slots_of(commitment: Commitment, *, now: datetime | None = None) -> list[CheckInSlot]:
    """The three milestones of `commitment` (its workshop and check-ins read with it, no query)."""
    on = today(now)
    given = {check_in.milestone: check_in for check_in in commitment.check_ins.all()}
    slots = []
    for milestone in Milestone.values:
        due = due_on(workshop_starts_at=commitment.workshop.starts_at, milestone=milestone)
        check_in = given.get(milestone)
        state = slot_state(due=due, given=check_in is not None, on=on)
        slots.append(CheckInSlot(commitment, milestone, due, state, check_in))
    return slots


def commitments_with_check_ins(queryset):
    """What `slots_of` reads, in two queries whatever the number of commitments."""
    return queryset.select_related("workshop__plan", "competence", "trainee").prefetch_related("check_ins")


def _own_commitments(user):
    """The trainee's commitments with their workshops (their dates and titles) and check-ins: two
    queries, whatever the data, without the plans' and competences' rows that lists do not show."""
    return Commitment.objects.filter(trainee=user).select_related("workshop").prefetch_related("check_ins")


def open_check_ins(*, user, now: datetime | None = None) -> list[CheckInSlot]:
    """The trainee's check-ins that can be given now (due or overdue), the earliest first.

    The provider for the trainee's to-do list (two queries, whatever the data)."""
    commitments = _own_commitments(user)
    found = [slot for commitment in commitments for slot in slots_of(commitment, now=now) if slot.is_open]
    return sorted(found, key=lambda slot: (slot.due_on, slot.commitment.pk))


def upcoming_check_ins(*, user, within: timedelta = timedelta(days=7), now: datetime | None = None):
    """The trainee's check-ins not given yet whose date falls before `within` from now (overdue
    ones included): what a reminder e-mail lists."""
    limit = today(now) + within
    commitments = _own_commitments(user)
    found = [
        slot
        for commitment in commitments
        for slot in slots_of(commitment, now=now)
        if slot.state != SlotState.GIVEN and slot.due_on <= limit
    ]
    return sorted(found, key=lambda slot: (slot.due_on, slot.commitment.pk))


def end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


# Evidence files ----------------------------------------------------------------------------------
# A note or a scan: the documents people hand in anywhere on the site (home.uploads: PDF, DOCX or ODT,
# checked by their content), with room for a scanned report.

EVIDENCE_MAX_SIZE = 10 * 1024 * 1024


def evidence_extensions() -> list[str]:
    return [kind.extension for kind in DOCUMENT_KINDS]


def check_evidence(upload) -> None:
    """Raise ValidationError (translated) unless `upload` is a PDF, DOCX or ODT of an accepted size
    whose name matches its content (`home.uploads.check_document`)."""
    check_document(upload, max_bytes=EVIDENCE_MAX_SIZE)


class CheckInRefused(ValidationError):
    pass


@dataclass(frozen=True)
class CheckInAnswer:
    status: str
    self_rating: int
    note: str = ""
    evidence: object = None  # an uploaded file
    coaching_requested: bool = False


def slot_for(*, commitment: Commitment, milestone: str, now: datetime | None = None) -> CheckInSlot:
    for slot in slots_of(commitment, now=now):
        if slot.milestone == milestone:
            return slot
    raise CheckInRefused(_("This check-in does not exist."))


@transaction.atomic
def record_check_in(
    *, user, commitment: Commitment, milestone: str, answer: CheckInAnswer, now: datetime | None = None
) -> CheckIn:
    """Give the check-in of `commitment` at `milestone`: only its trainee, only once it is open, only once."""
    if commitment.trainee_id != user.pk:
        raise CheckInRefused(_("Only the trainee who made this commitment can check in on it."))
    # One at a time per commitment: the same check-in sent from two tabs is given once, and the
    # second is told so (not refused by the unique constraint's generic message).
    list(Commitment.objects.select_for_update().filter(pk=commitment.pk).values_list("pk"))
    slot = slot_for(commitment=commitment, milestone=milestone, now=now)
    if (
        slot.state == SlotState.GIVEN
        or CheckIn.objects.filter(commitment=commitment, milestone=milestone).exists()
    ):
        raise CheckInRefused(_("This check-in has already been given; it cannot be changed."))
    if slot.state == SlotState.UPCOMING:
        raise CheckInRefused(
            _("This check-in opens on %(day)s.") % {"day": slot.opens_on.strftime("%d/%m/%Y")}
        )
    if answer.status not in CheckInStatus.values:
        raise CheckInRefused(_("Choose a status."))
    if not (answer.note.strip() or answer.evidence):
        raise CheckInRefused(_("Give a note or a file as evidence."))
    if answer.evidence:
        check_evidence(answer.evidence)
    check_in = CheckIn(
        commitment=commitment,
        milestone=milestone,
        status=answer.status,
        note=answer.note.strip(),
        self_rating=answer.self_rating,
        coaching_requested=answer.coaching_requested,
        submitted_at=now or timezone.now(),
    )
    if answer.evidence:
        check_in.evidence = answer.evidence
    check_in.full_clean()
    try:
        with transaction.atomic():
            check_in.save()
    except IntegrityError as error:  # the same check-in given twice at once
        raise CheckInRefused(_("This check-in has already been given; it cannot be changed.")) from error
    return check_in

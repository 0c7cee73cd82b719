"""Commitments: after a workshop they attended, a trainee records one to three things they will do."""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from courses.models import Competence
from courses.worksheets import timeline

from ..models import Attendance, AttendanceStatus, Commitment, Worksheet, Workshop
from ..practice.workbook import actor_names, spec_of_worksheet
from ..training.plans import held_filter, is_held

MAX_COMMITMENTS = 3
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


def attended_workshops(*, user, now: datetime | None = None):
    """The held workshops the trainee attended (present or late): the attendance sheet, which only
    trainers fill for the plan's cohort, is what opens the follow-up."""
    attended = Attendance.objects.filter(trainee=user, status__in=ATTENDED).values("workshop_id")
    return (
        Workshop.objects.filter(pk__in=attended)
        .filter(held_filter(now=now))
        .select_related("plan")
        .order_by("starts_at")
    )


def may_commit(*, user, workshop: Workshop, now: datetime | None = None) -> bool:
    return (
        is_held(workshop=workshop, now=now)
        and attended_workshops(user=user, now=now).filter(pk=workshop.pk).exists()
    )


def competences_for(workshop: Workshop):
    """What a commitment may be linked to: the plan's target competences, else the whole framework."""
    targets = Competence.objects.filter(pk__in=[c.pk for c in workshop.plan.target_competences.all()])
    return targets if targets.exists() else Competence.objects.all()


@dataclass(frozen=True)
class CommitmentDraft:
    """What a commitment says, wherever it comes from (the form, or a roadmap action of the workbook)."""

    action: str
    due_on: date
    competence: Competence
    done_when: str


def commitment_from(*, what: str, when: date, competence: Competence, done_when: str = "") -> CommitmentDraft:
    """A commitment drafted from something the trainee already wrote, such as an action of the
    « feuille de route » of their advocacy plan (one click: the workbook passes the action's text,
    its date and its competence; the trainee completes "how I will know it is done")."""
    return CommitmentDraft(
        action=what.strip(), due_on=when, competence=competence, done_when=done_when.strip()
    )


@dataclass(frozen=True)
class RoadmapAction:
    """A dated action of the roadmap in one of the trainee's worksheets (the « feuille de route » of
    their advocacy plan), which the commitment form can take over in one click."""

    worksheet_title: str
    key: str  # "<worksheet>-<row>": what the form's link carries
    action: str
    day: date


def roadmap_actions(*, user, after: date | None = None) -> list[RoadmapAction]:
    """The actions of the roadmaps (a repeating group shown as a timeline) in the trainee's own
    worksheets, dated after `after`, in date order. Two queries (worksheets, their actors' names)."""
    worksheets = list(Worksheet.objects.filter(owner=user).order_by("pk"))
    names = actor_names(worksheets=worksheets)
    found = []
    for worksheet in worksheets:
        line = timeline(template=spec_of_worksheet(worksheet), values=worksheet.values, actors=names.full)
        for step in line.steps if line else []:
            if step.label.strip() and (after is None or step.day > after):
                found.append(
                    RoadmapAction(worksheet.title, f"{worksheet.pk}-{step.row}", step.label.strip(), step.day)
                )
    return sorted(found, key=lambda action: (action.day, action.key))


def roadmap_action(*, user, key: str) -> RoadmapAction | None:
    """The trainee's own roadmap action under `key`, or None (someone else's, or gone)."""
    return next((action for action in roadmap_actions(user=user) if action.key == key), None)


class CommitmentRefused(ValidationError):
    pass


@transaction.atomic
def record_commitment(
    *, user, workshop: Workshop, draft: CommitmentDraft, now: datetime | None = None
) -> Commitment:
    """Record one commitment; refused when the trainee did not attend the held workshop, when they
    already have three for it, or when the competence is not one the workshop works on."""
    if not may_commit(user=user, workshop=workshop, now=now):
        raise CommitmentRefused(_("Commitments are recorded after a workshop you attended."))
    # One at a time per trainee and workshop: their attendance row (it exists: `may_commit`) is
    # locked until the commitment is saved, so two tabs cannot both add a fourth. (Locking the
    # commitments themselves did not serialise anything: `count()` drops FOR UPDATE, and there is no
    # row to lock before the first one.)
    list(Attendance.objects.select_for_update().filter(workshop=workshop, trainee=user).values_list("pk"))
    if Commitment.objects.filter(workshop=workshop, trainee=user).count() >= MAX_COMMITMENTS:
        raise CommitmentRefused(
            _("You have already recorded %(count)s commitments for this workshop, the most allowed.")
            % {"count": MAX_COMMITMENTS}
        )
    if not competences_for(workshop).filter(pk=draft.competence.pk).exists():
        raise CommitmentRefused(_("Choose one of the competences of the training plan."))
    commitment = Commitment(
        workshop=workshop,
        trainee=user,
        action=draft.action,
        due_on=draft.due_on,
        competence=draft.competence,
        done_when=draft.done_when,
    )
    commitment.full_clean()
    commitment.save()
    return commitment

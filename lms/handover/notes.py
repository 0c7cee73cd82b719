"""Facilitator notes: who reads them (trainers only), and the note of a lesson or a workshop."""

from django.core.exceptions import PermissionDenied

from home.roles import Role, has_role

from ..models import FacilitatorNote


def may_read_notes(*, user) -> bool:
    return has_role(user, Role.TRAINER)


def note_for(*, user, lesson=None, workshop=None) -> FacilitatorNote | None:
    """The note of the lesson or the workshop; refused (PermissionDenied) to anyone but trainers."""
    if not may_read_notes(user=user):
        raise PermissionDenied
    if lesson is not None:
        return FacilitatorNote.objects.filter(lesson=lesson).first()
    return FacilitatorNote.objects.filter(workshop=workshop).first()

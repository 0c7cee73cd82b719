"""What the handover kit plugs into lower apps: the link to a lesson's facilitator notes."""

from django.urls import reverse
from django.utils.translation import gettext as _

from courses.models import LessonPage
from courses.trainer_links import TrainerLink, register_trainer_link_provider

from .notes import may_read_notes


@register_trainer_link_provider
def facilitator_notes_link(*, request, page) -> list[TrainerLink]:
    """Trainers reach the lesson's notes from the lesson (no query: the roles are read once per
    request and the address needs only the lesson's id); nobody else sees the link."""
    if not isinstance(page, LessonPage) or not may_read_notes(user=request.user):
        return []
    return [TrainerLink(label=_("Facilitator notes"), url=reverse("handover:lesson_notes", args=[page.pk]))]

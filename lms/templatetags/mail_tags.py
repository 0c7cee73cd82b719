"""Filters for the e-mails: workflow notifications (templates/wagtailadmin/notifications/) and
account e-mails (templates/registration/)."""

from django import template

from home.people import display_name
from lms.training.plans import workflow_label as label_of

register = template.Library()

FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


@register.filter
def workflow_label(name) -> str:
    """A workflow's or task's name in the active language."""
    return label_of(name=str(name or ""))


@register.filter
def isolate(value) -> str:
    """Plain-text isolation of a name or title (the <bdi> of a text e-mail), so that a Latin name
    reads right inside an Arabic sentence and an Arabic title inside a French one."""
    if value is None or value == "":
        return ""
    return f"{FIRST_STRONG_ISOLATE}{value}{POP_DIRECTIONAL_ISOLATE}"


@register.filter
def recipient_language(user) -> str:
    """The language the recipient reads the Wagtail admin in (their profile's, or the site's)."""
    from wagtail.users.models import UserProfile

    return UserProfile.get_for_user(user).get_preferred_language()


@register.filter
def addressee(user) -> str:
    """The recipient's full name, or their username when no name is recorded."""
    return display_name(user)


@register.filter
def approval_url(obj) -> str:
    """The one-screen decision page of the task awaiting approval on `obj` ("" when none): where the
    OTE approver's e-mail sends them, rather than the admin's editor."""
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse
    from wagtail.models import TaskState

    if obj is None or getattr(obj, "pk", None) is None:
        return ""
    base = obj.get_base_content_type() if hasattr(obj, "get_base_content_type") else None
    task_state = (
        TaskState.objects.filter(
            workflow_state__base_content_type=base or ContentType.objects.get_for_model(obj),
            workflow_state__object_id=str(obj.pk),
            status=TaskState.STATUS_IN_PROGRESS,
        )
        .order_by("-pk")
        .first()
    )
    return reverse("lms:approval", kwargs={"task_state_id": task_state.pk}) if task_state is not None else ""

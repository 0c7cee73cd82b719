"""Admin wiring of the handover kit (imported by lms/wagtail_hooks.py, which Wagtail loads)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.admin_menu import TrainerMenuItem

from ..models import CheckoutRecord, FacilitatorNote
from .admin_views import rerun
from .checkout import record_checkout_step


@hooks.register("register_admin_urls")
def handover_urls():
    return [path("handover/rerun/", rerun, name="lms_handover_rerun")]


@hooks.register("register_admin_menu_item")
def rerun_menu_item():
    return TrainerMenuItem(
        _("Run again for a new cohort"), reverse("lms_handover_rerun"), icon_name="copy", order=224
    )


class FacilitatorNoteViewSet(SnippetViewSet):
    model = FacilitatorNote
    icon = "edit"
    list_display = ["__str__", "lesson", "workshop"]


class CheckoutRecordViewSet(SnippetViewSet):
    """Each step of an OTE staff member's trainer checkout, recorded by the trainer who saw it."""

    model = CheckoutRecord
    icon = "tick"
    list_display = ["candidate", "step", "done_on", "evidence", "recorded_by"]
    list_filter = ["step"]


class HandoverGroup(SnippetViewSetGroup):
    items = (FacilitatorNoteViewSet, CheckoutRecordViewSet)
    menu_icon = "folder-inverse"
    menu_label = _("Handover")
    menu_order = 280


register_snippet(HandoverGroup)


@hooks.register("after_create_snippet")
def checkout_steps_name_who_recorded_them(request, instance):
    """The trainer who records a step signs it; the third step makes the staff member a trainer."""
    if isinstance(instance, CheckoutRecord):
        record_checkout_step(record=instance, recorded_by=request.user)

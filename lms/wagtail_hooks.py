from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import home.converters  # noqa: F401  (registers <id:...>)
from home.admin_menu import TrainerMenuItem
from home.roles import Role, has_role

from .handover import wagtail_hooks as handover_hooks  # noqa: F401  (the handover kit's admin)
from .models import Outcome, StaffProfile
from .notifications import admin_views as notification_views
from .practice import admin_views as workbook_admin
from .practice import converters  # noqa: F401  (registers <export:...>)
from .privacy.admin_views import erase, trainee_list
from .training.admin_views import attendance_sheet, attendance_workshops


@hooks.register("register_admin_urls")
def trainer_urls():
    return [
        path("attendance/", attendance_workshops, name="lms_attendance"),
        path("attendance/<id:workshop_id>/", attendance_sheet, name="lms_attendance_sheet"),
        path("trainees/", trainee_list, name="lms_trainees"),
        path("trainees/<id:user_id>/erase/", erase, name="lms_trainee_erase"),
        path("notifications/", notification_views.outbox, name="lms_notification_outbox"),
        path("notifications/retry/", notification_views.outbox_retry, name="lms_notification_retry"),
        path(
            "notifications/remind/<id:questionnaire_id>/",
            notification_views.remind,
            name="lms_notification_remind",
        ),
        path("notifications/weekly-summary/", notification_views.weekly_summary, name="lms_weekly_summary"),
        path("workbooks/", workbook_admin.workbook_list, name="lms_workbooks"),
        path("workbooks/<id:user_id>/", workbook_admin.trainee_workbook, name="lms_trainee_workbook"),
        path(
            "workbooks/<id:user_id>/workbook.<export:export_format>",
            workbook_admin.trainee_workbook_export,
            name="lms_trainee_workbook_export",
        ),
    ]


@hooks.register("register_admin_menu_item")
def notifications_menu_item():
    return TrainerMenuItem(
        _("E-mail notifications"), reverse("lms_notification_outbox"), icon_name="mail", order=226
    )


@hooks.register("register_admin_menu_item")
def weekly_summary_menu_item():
    return TrainerMenuItem(
        _("Weekly summary"), reverse("lms_weekly_summary"), icon_name="doc-full", order=227
    )


@hooks.register("register_admin_menu_item")
def workbooks_menu_item():
    return TrainerMenuItem(_("Trainees' workbooks"), reverse("lms_workbooks"), icon_name="form", order=224)


@hooks.register("after_create_page")
def plans_need_ote_approval(request, page):
    from .training.plans import require_approval

    if isinstance(page.specific, _plan_class()):
        require_approval(page)


# Publication of training plans only through OTE approval (lms.training.plans, "Publication"). The plan's
# own permission tester answers for edit, revert, bulk publish/unpublish (Wagtail casts to the
# specific page to ask it), unpublish and the API; these hooks close the admin paths that ask the
# parent's tester instead (create under the home page, copy).


def _plan_class():
    from .models import TrainingPlanPage

    return TrainingPlanPage


def _creating_plan(request) -> bool:
    """On Wagtail's create view, whether the page being created is a plan (from the URL's kwargs)."""
    kwargs = request.resolver_match.kwargs if request.resolver_match else {}
    try:
        model = ContentType.objects.get_by_natural_key(
            kwargs["content_type_app_name"], kwargs["content_type_model_name"]
        ).model_class()
    except (KeyError, ContentType.DoesNotExist):
        return False
    return model is not None and issubclass(model, _plan_class())


def _refuse(request, url: str):
    from .training.plans import PUBLICATION_REFUSED

    messages.error(request, str(PUBLICATION_REFUSED))
    return redirect(url)


@hooks.register("construct_page_action_menu")
def no_publish_button_for_plans(menu_items, request, context):
    if context.get("view") == "create" and _creating_plan(request):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("before_create_page")
def plans_are_not_published_on_creation(request, parent_page, page_class):
    if (
        request.method == "POST"
        and request.POST.get("action-publish")
        and issubclass(page_class, _plan_class())
    ):
        return _refuse(request, request.get_full_path())
    return None


@hooks.register("before_copy_page", order=-10)
def copies_of_plans_are_drafts(request, page):
    """A copy of a plan (or of a subtree holding one) is a draft: neither published nor an alias.

    Runs before wagtail-modeltranslation's own copy view (also a before_copy_page hook, which offers
    "Publish copied page" ticked by default): the request reaches it without those two choices.
    """
    from .training.plans import holds_plans

    if request.method != "POST" or not holds_plans(page):
        return None
    if request.POST.get("publish_copies") or request.POST.get("alias"):
        data = request.POST.copy()
        data.pop("publish_copies", None)
        data.pop("alias", None)
        request.POST = data
    return None


@hooks.register("after_copy_page")
def copied_plans_need_ote_approval(request, page, new_page):
    """Each copied plan gets the OTE approval workflow; one left live by any other copy path is
    taken offline at once."""
    from .training.plans import COPY_IS_A_DRAFT, require_approval

    plans = list(new_page.get_descendants(inclusive=True).type(_plan_class()).specific())
    for plan in plans:
        require_approval(plan)
        if plan.live:  # the trainer may not unpublish a plan: this is the rule undoing a publication
            UnpublishPageAction(plan, user=request.user).execute(skip_permission_checks=True)
    if plans:
        messages.warning(request, str(COPY_IS_A_DRAFT))


@hooks.register("after_edit_page")
def approvers_go_back_to_their_dashboard(request, page):
    """After approving or rejecting a plan, an OTE approver returns to the admin dashboard (with
    Wagtail's confirmation) rather than to the page tree, which approvers may not browse."""
    if has_role(request.user, Role.OTE_APPROVER) and not has_role(request.user, Role.TRAINER):
        return redirect("wagtailadmin_home")
    return None


@hooks.register("register_admin_menu_item")
def attendance_menu_item():
    return TrainerMenuItem(_("Attendance"), reverse("lms_attendance"), icon_name="group", order=222)


@hooks.register("register_admin_menu_item")
def trainee_data_menu_item():
    return TrainerMenuItem(_("Trainees' personal data"), reverse("lms_trainees"), icon_name="user", order=223)


class StaffFunctionViewSet(SnippetViewSet):
    """The function each approver signs with (stamp and PDF of the plan): kept by the administrator."""

    model = StaffProfile
    icon = "user"
    menu_label = _("Staff functions")
    list_display = ["user", "function"]


register_snippet(StaffFunctionViewSet)


class NudgeBoardPanel(Component):
    """The trainer's dashboard: who needs a nudge, each line linking to where the trainer acts."""

    name = "nudge_board"
    template_name = "lms/admin/nudge_board.html"
    order = 50  # first on the dashboard, before Wagtail's own panels

    def __init__(self, board):
        self.board = board

    def get_context_data(self, parent_context):
        return {"board": self.board, "request": parent_context.get("request")}


@hooks.register("construct_homepage_panels")
def nudge_board_panel(request, panels):
    from .training.nudges import nudge_board

    if has_role(request.user, Role.TRAINER):
        panels.append(NudgeBoardPanel(nudge_board()))


# Follow-up after the workshops (lms/followup): the trainer's board, coaching sessions, outcomes.


@hooks.register("register_admin_urls")
def follow_up_urls():
    from .followup import admin_views

    return [
        path("follow-up/", admin_views.board, name="lms_followup"),
        path("follow-up/trainees/<id:user_id>/", admin_views.trainee_follow_up, name="lms_followup_trainee"),
        path("follow-up/coaching/new/", admin_views.new_session, name="lms_coaching_new"),
    ]


@hooks.register("register_admin_menu_item")
def follow_up_menu_item():
    return TrainerMenuItem(
        _("Follow-up and coaching"), reverse("lms_followup"), icon_name="clipboard-list", order=224
    )


class OutcomeViewSet(SnippetViewSet):
    """Results the trained staff contributed to (level 4 of the evaluation report), logged by trainers."""

    model = Outcome
    icon = "success"
    menu_label = _("Outcomes after training")
    menu_order = 225
    add_to_admin_menu = True
    list_display = ["description", "kind", "occurred_on", "trainee", "plan"]
    list_filter = ["kind", "plan"]


register_snippet(OutcomeViewSet)

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

import home.converters  # noqa: F401  (registers <id:...>)
from home.roles import Role, has_role

from .views_admin import (
    CohortProgressView,
    QuizResultsView,
    attendance_sheet,
    attendance_workshops,
    cohort_list,
    quiz_list,
)
from .views_admin_privacy import erase, trainee_list


@hooks.register("register_admin_urls")
def progress_urls():
    return [
        path("progress/", cohort_list, name="lms_progress_cohorts"),
        path("progress/<id:cohort_id>/", CohortProgressView.as_view(), name="lms_progress"),
        path("quiz-results/", quiz_list, name="lms_quiz_list"),
        path("attendance/", attendance_workshops, name="lms_attendance"),
        path("attendance/<id:workshop_id>/", attendance_sheet, name="lms_attendance_sheet"),
        path("quiz-results/<id:quiz_id>/", QuizResultsView.as_view(), name="lms_quiz_results"),
        path("trainees/", trainee_list, name="lms_trainees"),
        path("trainees/<id:user_id>/erase/", erase, name="lms_trainee_erase"),
    ]


class TrainerMenuItem(MenuItem):
    def is_shown(self, request):
        return has_role(request.user, Role.TRAINER)


@hooks.register("register_admin_menu_item")
def progress_menu_item():
    return TrainerMenuItem(
        _("Trainee progress"), reverse("lms_progress_cohorts"), icon_name="table", order=220
    )


@hooks.register("register_admin_menu_item")
def quiz_results_menu_item():
    return TrainerMenuItem(_("Quiz results"), reverse("lms_quiz_list"), icon_name="help", order=221)


@hooks.register("after_create_page")
def plans_need_ote_approval(request, page):
    from .models import TrainingPlanPage
    from .plans import require_approval

    if isinstance(page.specific, TrainingPlanPage):
        require_approval(page)


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

"""Training plan PDF and training reports (screen and PDF) for the review area."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views import View

from home.exports import RowDictExportMixin

from ..followup.evaluation import EXPORT_COLUMNS, evaluation_report, export_headings, export_rows
from ..models import TrainingPlanPage, Workshop
from ..pdf import render_pdf
from .plans import approval_of, may_read_plan
from .reports import plan_report, workshop_report
from .review.access import reviewers_only


def plan_readers_only(view):
    """Anonymous visitors go to the login page; whoever may not read this plan gets a 403."""

    @wraps(view)
    def wrapped(request, *, plan: TrainingPlanPage):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_read_plan(user=request.user, plan=plan):
            raise PermissionDenied
        return view(request, plan=plan)

    return wrapped


@plan_readers_only
def plan_page(request, *, plan: TrainingPlanPage):
    return plan.render(request)


@plan_readers_only
def plan_pdf(request, *, plan: TrainingPlanPage):
    context = {
        "plan": plan,
        "approval": approval_of(plan),
        "workshops": plan.workshops.order_by("starts_at"),
        "target_competences": plan.target_competences.all(),
    }
    return render_pdf(request, "lms/plan_pdf.html", context, "plan-de-formation")


def _plan(plan_id: int) -> TrainingPlanPage:
    return get_object_or_404(TrainingPlanPage, pk=plan_id)


def _workshop(plan_id: int, workshop_id: int) -> Workshop:
    return get_object_or_404(Workshop.objects.select_related("plan__cohort"), pk=workshop_id, plan_id=plan_id)


@reviewers_only
def plan_report_view(request, plan_id: int):
    return render(request, "lms/review/plan_report.html", {"report": plan_report(plan=_plan(plan_id))})


@reviewers_only
def plan_report_pdf(request, plan_id: int):
    report = plan_report(plan=_plan(plan_id))
    return render_pdf(request, "lms/review/plan_report_pdf.html", {"report": report}, "rapport-de-formation")


@reviewers_only
def workshop_report_view(request, plan_id: int, workshop_id: int):
    report = workshop_report(workshop=_workshop(plan_id, workshop_id))
    return render(request, "lms/review/workshop_report.html", {"report": report})


@reviewers_only
def workshop_report_pdf(request, plan_id: int, workshop_id: int):
    report = workshop_report(workshop=_workshop(plan_id, workshop_id))
    return render_pdf(request, "lms/review/workshop_report_pdf.html", {"report": report}, "rapport-atelier")


# The evaluation report (Kirkpatrick levels 1 to 4, indicator sheet): lms/followup/evaluation.py.


@reviewers_only
def evaluation_report_view(request, plan_id: int):
    report = evaluation_report(plan=_plan(plan_id))
    return render(request, "lms/review/evaluation_report.html", {"report": report})


@reviewers_only
def evaluation_report_pdf(request, plan_id: int):
    report = evaluation_report(plan=_plan(plan_id))
    return render_pdf(
        request, "lms/review/evaluation_report_pdf.html", {"report": report}, "rapport-evaluation"
    )


class EvaluationExportView(RowDictExportMixin, View):
    """The indicator sheet and the protected breakdowns as a spreadsheet (no formula in any cell)."""

    FORMATS = ("xlsx", "csv")

    def get(self, request, plan_id: int, export_format: str):
        if export_format not in self.FORMATS:
            raise Http404
        plan = _plan(plan_id)
        self.list_export = list(EXPORT_COLUMNS)
        self.export_headings = export_headings()
        self.export_filename = f"evaluation-{plan.pk}"
        return self.as_spreadsheet(export_rows(evaluation_report(plan=plan)), export_format)


evaluation_report_export = reviewers_only(EvaluationExportView.as_view())

"""Trainer views in the Wagtail admin: the list of quizzes, each quiz's results (per trainee and per
question) with their spreadsheet export, and the workshops with their attendance sheets
(recorded once a workshop is held)."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from wagtail.admin.views.reports import ReportView

from assessments.attempts import expire_overdue_attempts
from assessments.models import QuizPage
from assessments.results import item_analysis, trainee_results
from home.exports import RowDictExportMixin
from home.people import display_name
from home.roles import Role, role_required

from .forms import AttendanceForm
from .models import Workshop
from .plans import (
    AttendanceEntry,
    WorkshopNotHeldYet,
    attendance_summary,
    expected_trainees,
    is_held,
    record_attendance,
)

trainers_only = role_required(Role.TRAINER)


@method_decorator(trainers_only, name="dispatch")
class QuizResultsView(RowDictExportMixin, ReportView):
    """Per quiz: each trainee's attempts, best, last and kept grade; per question, who missed it."""

    template_name = "lms/admin/quiz_results.html"
    results_template_name = "lms/admin/quiz_results_results.html"
    header_icon = "help"
    paginate_by = None
    index_url_name = "lms_quiz_results"
    index_results_url_name = "lms_quiz_results"
    list_export = ["trainee", "attempts", "best", "last", "grade", "passed"]

    def dispatch(self, request, *args, **kwargs):
        # Runs after the role check (unlike setup), so nothing is read for someone refused.
        self.quiz = get_object_or_404(QuizPage, pk=kwargs["quiz_id"])
        self.export_headings = {
            "trainee": _("Trainee"),
            "attempts": _("Attempts"),
            "best": _("Best score (%)"),
            "last": _("Last score (%)"),
            "grade": _("Grade kept (%)"),
            "passed": _("Passed"),
        }
        return super().dispatch(request, *args, **kwargs)

    @property
    def page_title(self):
        return _("Results: %(quiz)s") % {"quiz": self.quiz.title}

    def get_filename(self):
        return f"quiz-results-{self.quiz.pk}"

    def get_index_url(self):
        return self.request.path

    def get_index_results_url(self):
        return self.request.path

    def get_queryset(self):
        expire_overdue_attempts(quiz=self.quiz)
        results = trainee_results(quiz=self.quiz)
        if not self.is_export:
            return results
        return [
            {
                "trainee": display_name(r.trainee),
                "attempts": r.attempts,
                "best": r.best,
                "last": r.last,
                "grade": r.grade,
                "passed": "—" if r.passed is None else str(_("yes") if r.passed else _("no")),
            }
            for r in results
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["quiz"] = self.quiz
        context["items"] = item_analysis(quiz=self.quiz)
        return context


@trainers_only
def quiz_list(request):
    quizzes = QuizPage.objects.annotate(attempt_count=Count("attempts")).order_by("path")
    return TemplateResponse(
        request,
        "lms/admin/quiz_list.html",
        {"quizzes": quizzes, "page_title": _("Quiz results"), "header_icon": "help"},
    )


@trainers_only
def attendance_workshops(request):
    workshops = Workshop.objects.select_related("plan").order_by("-starts_at")
    return TemplateResponse(
        request,
        "lms/admin/attendance_list.html",
        {"workshops": workshops, "page_title": _("Attendance"), "header_icon": "group"},
    )


@trainers_only
def attendance_sheet(request, workshop_id: int):
    """One screen per workshop: each trainee of the plan's cohort, marked in one tap.

    Before the workshop starts, the screen says when attendance opens and offers no form.
    """
    workshop = get_object_or_404(Workshop.objects.select_related("plan__cohort"), pk=workshop_id)
    trainees = expected_trainees(workshop)
    context = {
        "workshop": workshop,
        "summary": attendance_summary(workshop=workshop, expected=len(trainees)),
        "page_title": _("Attendance: %(workshop)s") % {"workshop": workshop.title},
        "header_icon": "group",
    }
    if not is_held(workshop=workshop):
        context["not_held"] = WorkshopNotHeldYet(workshop).message
        status = 200
        if request.method == "POST":
            messages.error(request, _("Nothing was saved.") + " " + context["not_held"])
            status = 400
        return TemplateResponse(request, "lms/admin/attendance_sheet.html", context, status=status)
    recorded = {a.trainee_id: a for a in workshop.attendance.all()}
    forms = [
        (
            trainee,
            AttendanceForm(
                request.POST if request.method == "POST" else None,
                prefix=f"t{trainee.pk}",
                initial={
                    "status": recorded[trainee.pk].status if trainee.pk in recorded else "",
                    "note": recorded[trainee.pk].note if trainee.pk in recorded else "",
                },
            ),
        )
        for trainee in trainees
    ]
    status = 200
    if request.method == "POST":
        if all(form.is_valid() for _trainee, form in forms):
            entries = [
                AttendanceEntry(trainee.pk, form.cleaned_data["status"], form.cleaned_data["note"])
                for trainee, form in forms
                if form.cleaned_data["status"]
            ]
            record_attendance(workshop=workshop, entries=entries)
            messages.success(request, _("Attendance saved for %(count)s trainees.") % {"count": len(entries)})
            return redirect("lms_attendance_sheet", workshop_id=workshop.pk)
        messages.error(request, _("Nothing was saved: check the lines marked in red."))
        status = 400
    return TemplateResponse(
        request, "lms/admin/attendance_sheet.html", {**context, "forms": forms}, status=status
    )

"""Trainer views in the Wagtail admin: each quiz's results, with their spreadsheet export."""

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from wagtail.admin.views.reports import ReportView

from home.exports import RowDictExportMixin
from home.people import display_name
from home.roles import Role, role_required

from .attempts import expire_overdue_attempts
from .models import QuizPage
from .results import item_analysis, trainee_results

trainers_only = role_required(Role.TRAINER)


@method_decorator(trainers_only, name="dispatch")
class QuizResultsView(RowDictExportMixin, ReportView):
    """Per quiz: each trainee's attempts, best, last and kept grade; per question, who missed it."""

    template_name = "assessments/admin/quiz_results.html"
    results_template_name = "assessments/admin/quiz_results_results.html"
    header_icon = "help"
    paginate_by = None
    index_url_name = "assessments_quiz_results"
    index_results_url_name = "assessments_quiz_results"
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
        "assessments/admin/quiz_list.html",
        {"quizzes": quizzes, "page_title": _("Quiz results"), "header_icon": "help"},
    )

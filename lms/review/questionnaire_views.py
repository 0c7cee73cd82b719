"""Questionnaire results, exports and meeting minutes in the review area."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from assessments.models import MeetingMinutes, QuestionnairePage
from assessments.survey_export import export_table
from assessments.survey_results import questionnaire_results
from home.exports import RowDictExportMixin

from ..pdf import render_pdf
from .access import reviewers_only
from .forms import MeetingMinutesForm


def _questionnaire(pk: int) -> QuestionnairePage:
    return get_object_or_404(QuestionnairePage.objects.live(), pk=pk)


def _minutes(questionnaire):
    return (
        MeetingMinutes.objects.filter(questionnaire=questionnaire)
        .prefetch_related("priority_competences")
        .first()
    )


@reviewers_only
def results_view(request, questionnaire_id: int):
    questionnaire = _questionnaire(questionnaire_id)
    return render(
        request,
        "lms/review/questionnaire_results.html",
        {"results": questionnaire_results(questionnaire=questionnaire), "minutes": _minutes(questionnaire)},
    )


@reviewers_only
@transaction.atomic
def minutes_edit_view(request, questionnaire_id: int):
    questionnaire = _questionnaire(questionnaire_id)
    instance = _minutes(questionnaire) or MeetingMinutes(questionnaire=questionnaire)
    form = MeetingMinutesForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST":
        if form.is_valid():
            minutes = form.save(commit=False)
            minutes.updated_by = request.user
            minutes.save()
            form.save_m2m()
            messages.success(request, _("The minutes have been saved."))
            return redirect("lms:review:minutes", questionnaire_id=questionnaire.pk)
        messages.error(request, _("The minutes could not be saved. Check the fields marked below."))
    return render(
        request,
        "lms/review/minutes_form.html",
        {"form": form, "questionnaire": questionnaire},
        status=400 if form.errors else 200,
    )


def _minutes_context(questionnaire) -> dict:
    return {
        "questionnaire": questionnaire,
        "results": questionnaire_results(questionnaire=questionnaire),
        "minutes": _minutes(questionnaire),
    }


@reviewers_only
def minutes_view(request, questionnaire_id: int):
    return render(request, "lms/review/minutes.html", _minutes_context(_questionnaire(questionnaire_id)))


@reviewers_only
def minutes_pdf_view(request, questionnaire_id: int):
    questionnaire = _questionnaire(questionnaire_id)
    return render_pdf(request, "lms/review/minutes_pdf.html", _minutes_context(questionnaire), "compte-rendu")


class ResponsesExportView(RowDictExportMixin, View):
    def get(self, request, questionnaire_id: int, export_format: str):
        if export_format not in self.FORMATS:
            raise Http404
        questionnaire = _questionnaire(questionnaire_id)
        headings, rows = export_table(questionnaire=questionnaire)
        self.list_export = list(headings)
        self.export_headings = headings
        self.export_filename = f"responses-{questionnaire.pk}"
        return self.as_spreadsheet(rows, export_format)


responses_export_view = reviewers_only(ResponsesExportView.as_view())

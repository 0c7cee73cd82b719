"""Questionnaire results, exports and meeting minutes in the review area."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from assessments.minutes import (
    adopt_minutes,
    editable_draft,
    minutes_document,
    minutes_versions,
    start_correction,
)
from assessments.models import QuestionnairePage
from assessments.models.questionnaires import AdoptedMinutesAreFinal
from assessments.survey_export import export_table
from assessments.survey_results import questionnaire_results
from home.exports import RowDictExportMixin

from ...pdf import render_pdf
from .access import may_edit_minutes, minutes_editors_only, reviewers_only
from .forms import MeetingMinutesForm


def _questionnaire(pk: int) -> QuestionnairePage:
    return get_object_or_404(QuestionnairePage.objects.live(), pk=pk)


@reviewers_only
def results_view(request, questionnaire_id: int):
    questionnaire = _questionnaire(questionnaire_id)
    return render(
        request,
        "lms/review/questionnaire_results.html",
        {"results": questionnaire_results(questionnaire=questionnaire)},
    )


def _refused(request, questionnaire: QuestionnairePage, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)
    return redirect("lms:review:minutes", questionnaire_id=questionnaire.pk)


@minutes_editors_only
@transaction.atomic
def minutes_edit_view(request, questionnaire_id: int):
    """The draft of the minutes (version 1, or a correction). Adopted minutes are never edited here."""
    questionnaire = _questionnaire(questionnaire_id)
    try:
        instance = editable_draft(questionnaire=questionnaire)
    except AdoptedMinutesAreFinal as refusal:
        return _refused(request, questionnaire, refusal)
    form = MeetingMinutesForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST":
        if form.is_valid():
            minutes = form.save(commit=False)
            minutes.updated_by = request.user
            try:
                minutes.save()  # refused, before writing anything, if adopted meanwhile
            except AdoptedMinutesAreFinal as refusal:
                return _refused(request, questionnaire, refusal)
            form.save_m2m()
            messages.success(request, _("The minutes have been saved."))
            return redirect("lms:review:minutes", questionnaire_id=questionnaire.pk)
        messages.error(request, _("The minutes could not be saved. Check the fields marked below."))
    return render(
        request,
        "lms/review/minutes_form.html",
        {"form": form, "questionnaire": questionnaire, "minutes": instance},
        status=400 if form.errors else 200,
    )


@minutes_editors_only
@require_POST
def minutes_adopt_view(request, questionnaire_id: int):
    questionnaire = _questionnaire(questionnaire_id)
    draft = minutes_versions(questionnaire=questionnaire).draft
    if draft is None:
        return _refused(request, questionnaire, AdoptedMinutesAreFinal())
    try:
        adopt_minutes(minutes=draft, user=request.user)
    except ValidationError as refusal:
        return _refused(request, questionnaire, refusal)
    messages.success(request, _("The minutes have been adopted. They can no longer be changed."))
    return redirect("lms:review:minutes", questionnaire_id=questionnaire.pk)


@minutes_editors_only
@require_POST
def minutes_correct_view(request, questionnaire_id: int):
    questionnaire = _questionnaire(questionnaire_id)
    try:
        start_correction(questionnaire=questionnaire, user=request.user)
    except ValidationError as refusal:
        return _refused(request, questionnaire, refusal)
    return redirect("lms:review:minutes_edit", questionnaire_id=questionnaire.pk)


def _minutes_context(request, questionnaire: QuestionnairePage, version: int | None = None) -> dict:
    versions = minutes_versions(questionnaire=questionnaire)
    shown = versions.current if version is None else versions.get(version)
    if version is not None and shown is None:
        raise Http404
    document = minutes_document(minutes=shown, versions=versions) if shown else None
    return {
        "questionnaire": questionnaire,
        "document": document,
        "title": document.title if document else questionnaire.title,
        "results": document.results if document else questionnaire_results(questionnaire=questionnaire),
        "versions": versions.listing() if len(versions.versions) > 1 else [],
        "draft": versions.draft,
        "may_edit": may_edit_minutes(request.user),
    }


@reviewers_only
def minutes_view(request, questionnaire_id: int, version: int | None = None):
    context = _minutes_context(request, _questionnaire(questionnaire_id), version)
    return render(request, "lms/review/minutes.html", context)


@reviewers_only
def minutes_pdf_view(request, questionnaire_id: int, version: int | None = None):
    context = _minutes_context(request, _questionnaire(questionnaire_id), version)
    return render_pdf(request, "lms/review/minutes_pdf.html", context, "compte-rendu")


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

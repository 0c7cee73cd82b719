"""Answering a questionnaire (QuestionnairePage routes)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.templatetags.wagtailroutablepage_tags import routablepageurl

from courses.models import Competence

from .models.questionnaires import ANONYMITY_THRESHOLD, ResponseStatus
from .questionnaire_forms import QuestionnaireForm, initial_from
from .questionnaires import (
    ResponseRefused,
    anonymous_done,
    answer_refusal,
    linked_response,
    save_draft,
    saved_values,
    submit_response,
)


def _context(questionnaire, form, **extra) -> dict:
    return {
        "page": questionnaire,
        "form": form,
        "shown_items": form.shown_items(),
        "error_entries": form.error_entries() if form.is_bound else [],
        "threshold": ANONYMITY_THRESHOLD,
        **extra,
    }


def answer_view(request, *, questionnaire):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    refusal = answer_refusal(user=request.user, questionnaire=questionnaire)
    if refusal is not None:
        return TemplateResponse(
            request,
            "assessments/questionnaire_not_for_you.html",
            {"page": questionnaire, "reason": str(refusal)},
            status=403,
        )
    user = request.user
    if anonymous_done(user=user, questionnaire=questionnaire):
        return TemplateResponse(request, "assessments/questionnaire_done.html", {"page": questionnaire})
    items = list(questionnaire.items.select_related("competence").order_by("sort_order"))
    competences = list(Competence.objects.order_by("sort_order", "key"))
    response = linked_response(user=user, questionnaire=questionnaire)
    submitting = request.POST.get("action") == "submit"
    if request.method == "POST":
        form = QuestionnaireForm(request.POST, items=items, competences=competences, require=submitting)
        if form.is_valid():
            try:
                if submitting:
                    submit_response(user=user, questionnaire=questionnaire, values=form.values())
                    return redirect(routablepageurl({"request": request}, questionnaire, "thanks"))
                save_draft(user=user, questionnaire=questionnaire, values=form.values())
            except ResponseRefused as refusal:
                messages.error(request, str(refusal))
                return redirect(questionnaire.get_url(request))
            messages.success(request, _("Your draft has been saved. You can come back and finish later."))
            return redirect(questionnaire.get_url(request))
        status = 400
    else:
        form = QuestionnaireForm(
            initial=initial_from(saved_values(response), items),
            items=items,
            competences=competences,
            require=False,
        )
        status = 200
    return TemplateResponse(
        request,
        "assessments/questionnaire_page.html",
        _context(
            questionnaire,
            form,
            is_open=questionnaire.is_open(),
            submitted=response is not None and response.status == ResponseStatus.SUBMITTED,
        ),
        status=status,
    )


def thanks_view(request, *, questionnaire):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return TemplateResponse(request, "assessments/questionnaire_thanks.html", {"page": questionnaire})

"""The trainer's follow-up in the Wagtail admin: who is due, overdue or blocked, coaching requests,
one trainee's commitments and check-ins, and recording a coaching session."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from home.people import display_name

from ..models import CoachingSession, Commitment
from .access import trainers_only
from .checkins import commitments_with_check_ins, slots_of
from .coaching import coaching_board, record_session
from .forms import CoachingSessionForm
from .trainee import CommitmentLine


def _trainees_with_commitments():
    return get_user_model().objects.filter(pk__in=Commitment.objects.values("trainee_id")).distinct()


@trainers_only
def board(request):
    lines = coaching_board()
    return TemplateResponse(
        request,
        "lms/admin/followup_board.html",
        {
            "lines": lines,
            "attention": [line for line in lines if line.needs_attention],
            "page_title": _("Follow-up and coaching"),
            "header_icon": "clipboard-list",
        },
    )


@trainers_only
def trainee_follow_up(request, user_id: int):
    trainee = get_object_or_404(_trainees_with_commitments(), pk=user_id)
    commitments = commitments_with_check_ins(Commitment.objects.filter(trainee=trainee))
    line = next(iter(coaching_board(trainees=[trainee])), None)
    return TemplateResponse(
        request,
        "lms/admin/followup_trainee.html",
        {
            "trainee": trainee,
            "commitments": [CommitmentLine(c, slots_of(c)) for c in commitments],
            "sessions": list(CoachingSession.objects.filter(trainee=trainee).select_related("coach")),
            "requests": line.coaching_requests if line else [],
            "page_title": _("Follow-up of %(name)s") % {"name": display_name(trainee)},
            "header_icon": "user",
        },
    )


@trainers_only
def new_session(request):
    trainees = _trainees_with_commitments()
    initial = {"trainee": request.GET.get("trainee")} if request.GET.get("trainee", "").isdigit() else {}
    form = CoachingSessionForm(request.POST or None, trainees=trainees, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                session = record_session(coach=request.user, **data)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("The coaching session has been recorded."))
                return redirect("lms_followup_trainee", user_id=session.trainee_id)
        status = 400
    return TemplateResponse(
        request,
        "lms/admin/followup_session_form.html",
        {"form": form, "page_title": _("Record a coaching session"), "header_icon": "edit"},
        status=status,
    )

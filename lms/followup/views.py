"""The trainee's follow-up pages: commitments, check-ins, evidence, profile attributes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..models import CheckIn, Commitment, Milestone, Workshop
from .access import may_see_commitment
from .checkins import CheckInAnswer, SlotState, record_check_in, slot_for, workshop_day
from .commitments import (
    commitment_from,
    competences_for,
    may_commit,
    record_commitment,
    roadmap_action,
    roadmap_actions,
)
from .forms import CheckInForm, CommitmentForm, TraineeProfileForm
from .profiles import profile_of, save_profile, withdraw_profile
from .trainee import follow_up_of


def _refused(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@login_required
def follow_up(request):
    return render(request, "lms/followup/index.html", {"follow_up": follow_up_of(user=request.user)})


@login_required
def new_commitment(request, workshop_id: int):
    workshop = get_object_or_404(Workshop.objects.select_related("plan"), pk=workshop_id)
    if not may_commit(user=request.user, workshop=workshop):
        raise PermissionDenied
    day = workshop_day(workshop.starts_at)
    # One click on a roadmap action of the trainee's advocacy plan fills in its text and date.
    taken = roadmap_action(user=request.user, key=request.GET.get("roadmap", ""))
    form = CommitmentForm(
        request.POST or None,
        competences=competences_for(workshop),
        workshop_day=day,
        initial={"action": taken.action[:300], "due_on": taken.day} if taken else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        draft = commitment_from(
            what=data["action"],
            when=data["due_on"],
            competence=data["competence"],
            done_when=data["done_when"],
        )
        try:
            record_commitment(user=request.user, workshop=workshop, draft=draft)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Your commitment has been recorded."))
            return redirect("lms:followup:index")
    committed = set(
        Commitment.objects.filter(workshop=workshop, trainee=request.user).values_list("action", flat=True)
    )
    roadmap = [a for a in roadmap_actions(user=request.user, after=day) if a.action[:300] not in committed]
    return render(
        request,
        "lms/followup/commitment_form.html",
        {"form": form, "workshop": workshop, "roadmap": roadmap, "taken": taken},
    )


@login_required
def check_in(request, commitment_id: int, milestone: str):
    if milestone not in Milestone.values:
        raise Http404
    commitment = get_object_or_404(
        Commitment.objects.select_related("workshop__plan", "competence").prefetch_related("check_ins"),
        pk=commitment_id,
        trainee=request.user,
    )
    slot = slot_for(commitment=commitment, milestone=milestone)
    if slot.state in (SlotState.GIVEN, SlotState.UPCOMING):
        return render(request, "lms/followup/check_in_closed.html", {"slot": slot})
    form = CheckInForm(request.POST or None, request.FILES or None, competence=commitment.competence)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answer = CheckInAnswer(
            status=data["status"],
            self_rating=data["self_rating"],
            note=data["note"],
            evidence=data["evidence"],
            coaching_requested=data["coaching_requested"],
        )
        try:
            record_check_in(user=request.user, commitment=commitment, milestone=milestone, answer=answer)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Your check-in has been recorded."))
            return redirect("lms:followup:index")
    return render(request, "lms/followup/check_in_form.html", {"form": form, "slot": slot})


@login_required
def evidence(request, check_in_id: int):
    """The evidence file, for its trainee and the trainers only (never a public /media/ address)."""
    check_in = get_object_or_404(CheckIn.objects.select_related("commitment"), pk=check_in_id)
    if not check_in.evidence or not may_see_commitment(user=request.user, commitment=check_in.commitment):
        raise Http404
    response = FileResponse(check_in.evidence.open("rb"), as_attachment=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def profile(request):
    current = profile_of(user=request.user)
    form = TraineeProfileForm(request.POST or None, instance=current)
    if request.method == "POST" and "withdraw" in request.POST:
        withdraw_profile(user=request.user)
        messages.success(request, _("Your details have been deleted."))
        return redirect("lms:followup:profile")
    if request.method == "POST" and form.is_valid():
        save_profile(user=request.user, **{name: form.cleaned_data[name] for name in form.Meta.fields})
        messages.success(request, _("Your details have been saved."))
        return redirect("lms:followup:profile")
    return render(request, "lms/followup/profile.html", {"form": form, "current": current})

"""The OTE approver's screens: what awaits their approval, and the plan with its two decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from home.roles import Role, role_required

from .approvals import (
    AlreadyDecided,
    CommentRequired,
    NotForYou,
    approve_plan,
    awaiting_approval,
    plan_decision,
    request_changes,
)
from .forms import RequestChangesForm
from .plans import approval_of


@role_required(Role.OTE_APPROVER)
def approvals_index(request):
    return render(request, "lms/approvals/index.html", {"decisions": awaiting_approval(user=request.user)})


def _decision_or_404(request, task_state_id: int):
    try:
        return plan_decision(user=request.user, task_state_id=task_state_id)
    except NotForYou:
        raise Http404 from None


def _render_decision(request, decision, form, status=200):
    context = {
        "decision": decision,
        "page": decision.submitted,
        "plan": decision.submitted,
        "workshops": decision.submitted.workshops.order_by("starts_at"),
        "target_competences": decision.submitted.target_competences.all(),
        "approval": approval_of(decision.plan) if decision.is_approved else None,
        "form": form,
    }
    return render(request, "lms/approvals/decision.html", context, status=status)


@login_required
def approval_decision(request, task_state_id: int):
    decision = _decision_or_404(request, task_state_id)
    return _render_decision(request, decision, RequestChangesForm())


@login_required
@require_POST
def approve(request, task_state_id: int):
    _decision_or_404(request, task_state_id)
    try:
        approve_plan(user=request.user, task_state_id=task_state_id)
    except AlreadyDecided as refusal:
        messages.info(request, str(refusal))
    return redirect("lms:approval", task_state_id=task_state_id)


@login_required
@require_POST
def ask_for_changes(request, task_state_id: int):
    decision = _decision_or_404(request, task_state_id)
    form = RequestChangesForm(request.POST)
    try:
        request_changes(
            user=request.user,
            task_state_id=task_state_id,
            comment=form.cleaned_data["comment"] if form.is_valid() else "",
        )
    except AlreadyDecided as refusal:
        messages.info(request, str(refusal))
    except CommentRequired:
        return _render_decision(request, decision, form, status=400)
    return redirect("lms:approval", task_state_id=task_state_id)

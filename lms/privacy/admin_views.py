"""Trainers handle the trainees' rights in the admin: see who accepted the notice, erase an account."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from home.people import NAME_ORDER
from home.roles import Role, role_required

from ..models import ConsentRecord, Erasure
from .consent import notice_version
from .erasure import ErasureRefused, erasable_trainees, erase_trainee, erasure_summary
from .forms import ErasureConfirmationForm

trainers_only = role_required(Role.TRAINER)


@trainers_only
def trainee_list(request):
    trainees = (
        erasable_trainees()
        .prefetch_related(
            "cohorts",
            Prefetch(
                "consents",
                queryset=ConsentRecord.objects.filter(notice_version=notice_version()),
                to_attr="current_consents",
            ),
        )
        .order_by(*NAME_ORDER)
    )
    return TemplateResponse(
        request,
        "lms/admin/trainee_list.html",
        {
            "trainees": trainees,
            "erased_count": Erasure.objects.count(),
            "notice_version": notice_version(),
            "page_title": _("Trainees' personal data"),
            "header_icon": "user",
        },
    )


@trainers_only
def erase(request, user_id: int):
    trainee = get_object_or_404(erasable_trainees(), pk=user_id)
    form = ErasureConfirmationForm(request.POST or None, expected_username=trainee.get_username())
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                erase_trainee(user=trainee, by=request.user)
            except ErasureRefused as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, _("The trainee's personal data has been erased."))
            return redirect("lms_trainees")
        status = 400
    return TemplateResponse(
        request,
        "lms/admin/trainee_erase.html",
        {
            "trainee": trainee,
            "summary": erasure_summary(user=trainee),
            "form": form,
            "page_title": _("Erase a trainee's personal data"),
            "header_icon": "bin",
        },
        status=status,
    )

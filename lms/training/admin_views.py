"""Trainer views in the Wagtail admin: the attendance sheets of the workshops."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from home.roles import Role, role_required

from ..models import Workshop
from .forms import AttendanceForm
from .plans import (
    AttendanceEntry,
    WorkshopNotHeldYet,
    attendance_summary,
    expected_trainees,
    is_held,
    record_attendance,
)

trainers_only = role_required(Role.TRAINER)


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

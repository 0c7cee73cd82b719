from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from home.roles import Role, role_required

from .forms import RerunForm
from .rerun import rerun_plan


@role_required(Role.TRAINER)
def rerun(request):
    """ "Run again for a new cohort": the form, then the copied plan's editor."""
    form = RerunForm(request.POST or None, initial={"plan": request.GET.get("plan")})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            result = rerun_plan(user=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("Copied for the cohort “%(cohort)s”: submit the new plan for approval when it is ready.")
            % {"cohort": result.cohort.name},
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[result.plan.pk]))
    context = {"form": form, "page_title": _("Run again for a new cohort"), "header_icon": "copy"}
    return TemplateResponse(request, "lms/handover/rerun.html", context, status=400 if form.errors else 200)

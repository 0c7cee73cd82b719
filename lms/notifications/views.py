"""The person's notification preferences and calendar (public site), and their calendar files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import Workshop
from ..privacy.consent import consent_exempt
from ..training.plans import may_read_plan
from .calendar import absolute, personal_calendar, workshop_calendar
from .forms import PreferencesForm
from .preferences import (
    issue_calendar_token,
    language_of,
    owner_of_token,
    preferences_of,
    revoke_calendar_token,
    save_preferences,
)


def _feed_url(token: str | None) -> str:
    from django.urls import reverse

    return absolute(reverse("calendar_feed", kwargs={"token": token})) if token else ""


@login_required
def notification_preferences(request):
    preference = preferences_of(user=request.user)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            save_preferences(user=request.user, **form.cleaned_data)
            messages.success(request, _("Your preferences have been saved."))
            return redirect("lms:notification_preferences")
    else:
        form = PreferencesForm(
            initial={
                "email_enabled": preference.email_enabled,
                "frequency": preference.frequency,
                "digest_day": preference.digest_day,
                "language": preference.language,
            }
        )
    return render(
        request,
        "lms/notifications/preferences.html",
        {"form": form, "feed_url": _feed_url(preference.calendar_token)},
    )


@login_required
@require_POST
def calendar_new_address(request):
    issue_calendar_token(user=request.user)
    messages.success(request, _("Your calendar has a new address: the previous one no longer works."))
    return redirect("lms:notification_preferences")


@login_required
@require_POST
def calendar_revoke(request):
    revoke_calendar_token(user=request.user)
    messages.success(request, _("The address of your calendar no longer works."))
    return redirect("lms:notification_preferences")


def _ics_response(text: str, *, filename: str, download: bool) -> HttpResponse:
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def short_link(request, page_id: int):
    """The weekly summary's short address of a live page, to the page in the active language
    (the page applies its own access rules)."""
    from wagtail.models import Page

    page = get_object_or_404(Page.objects.live(), pk=page_id)
    url = page.specific.get_url(request=request)
    if not url:
        raise Http404
    return redirect(url)


@login_required
def workshop_ics(request, workshop_id: int):
    """The "add to calendar" file of a workshop the person may read (others: 404)."""
    workshop = get_object_or_404(Workshop.objects.select_related("plan"), pk=workshop_id)
    if not may_read_plan(user=request.user, plan=workshop.plan):
        raise Http404
    return _ics_response(
        workshop_calendar(workshop=workshop), filename=f"workshop-{workshop.pk}.ics", download=True
    )


@consent_exempt
def calendar_feed(request, token: str):
    """The personal feed a calendar application reads: no session, the secret address is the key;
    a revoked or unknown address is 404."""
    owner = owner_of_token(token)
    if owner is None:
        raise Http404
    with translation.override(language_of(user=owner)):
        text = personal_calendar(user=owner)
    return _ics_response(text, filename="tounesna.ics", download=False)

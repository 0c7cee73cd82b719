"""The privacy notice: readable by anyone, accepted once per version by every signed-in user."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language

from assessments.models.questionnaires import ANONYMITY_THRESHOLD
from home.models import SiteSettings

from .consent import SESSION_KEY, accepted_consent, consent_exempt, notice_version, record_consent
from .forms import ConsentForm


def _safe_next(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("lms:dashboard")


@consent_exempt
def privacy_notice(request):
    next_url = _safe_next(request)
    accepted = None
    form = None
    if request.user.is_authenticated:
        accepted = accepted_consent(user=request.user)
        if accepted is None:
            form = ConsentForm(request.POST or None)
            if form.is_valid():
                record_consent(user=request.user, language=get_language())
                request.session[SESSION_KEY] = notice_version()
                return HttpResponseRedirect(next_url)
    site_settings = SiteSettings.for_request(request)
    return render(
        request,
        "lms/consent.html",
        {
            "form": form,
            "next": next_url,
            "accepted": accepted,
            "notice_version": notice_version(),
            "organisation": site_settings.organisation_name,
            "contact_email": site_settings.contact_email,
            "retention_years": settings.PERSONAL_DATA_RETENTION_DAYS // 365,
            "login_log_days": settings.LOGIN_LOG_RETENTION_DAYS,
            "threshold": ANONYMITY_THRESHOLD,
        },
        status=400 if form is not None and form.is_bound else 200,
    )

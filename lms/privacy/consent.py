"""The privacy notice every user accepts once per version, before using the platform.

The notice's text is in `templates/lms/consent.html` (translated with gettext); change the
`PRIVACY_NOTICE_VERSION` setting whenever that text changes in substance, and everyone is asked again.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse

from ..models import ConsentRecord

SESSION_KEY = "privacy_notice_accepted"


def notice_version() -> str:
    return settings.PRIVACY_NOTICE_VERSION


def accepted_consent(*, user) -> ConsentRecord | None:
    return ConsentRecord.objects.filter(user=user, notice_version=notice_version()).first()


def record_consent(*, user, language: str) -> ConsentRecord:
    """Record acceptance; accepting twice (two tabs, a double click) keeps the first record."""
    version = notice_version()
    try:
        with transaction.atomic():
            return ConsentRecord.objects.create(user=user, notice_version=version, language=language)
    except IntegrityError:
        return ConsentRecord.objects.get(user=user, notice_version=version)


def consent_exempt(view):
    """Mark a view that must stay reachable before the notice is accepted (log-out, the notice)."""
    view.consent_exempt = True
    return view


class ConsentRequiredMiddleware:
    """Sends a signed-in user who has not accepted the current notice to it, then back.

    The acceptance is remembered in the session, so the check costs no query once accepted.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # What a page needs to display (its stylesheet) and what load balancers probe.
        self.exempt_paths = (settings.STATIC_URL, settings.MEDIA_URL, "/theme.css", "/healthz/")

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.PRIVACY_NOTICE_REQUIRED or not request.user.is_authenticated:
            return None
        if getattr(view_func, "consent_exempt", False) or request.path.startswith(self.exempt_paths):
            return None
        if request.session.get(SESSION_KEY) == notice_version():
            return None
        if accepted_consent(user=request.user) is not None:
            request.session[SESSION_KEY] = notice_version()
            return None
        # In the language of the request (LocaleMiddleware has activated it), so /admin/ leads to it too.
        return redirect_to_login(request.get_full_path(), login_url=reverse("lms:privacy_notice"))


def accepted_filter(*, prefix: str = "") -> Q:
    """`accepted_consent` as a query filter on users (behind `prefix`): who accepted the current notice."""
    return Q(**{f"{prefix}consents__notice_version": notice_version()})

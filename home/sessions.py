"""How long a sign-in lasts, per role, in one place. The privacy notice says the same, from
`SESSION_POLICIES` (home/templatetags/session_policy.py).

- trainees: 14 days from signing in;
- trainers, OTE approvers and the task force: 12 hours from signing in;
- administrators (superusers): 12 hours from signing in, and 30 minutes without a request.

The policy is chosen when the user signs in and kept in the session, so that a request reads no
more than the session it already reads. Whatever the cookie says (Wagtail's "remember me" asks for
Django's 14 days), `SessionPolicyMiddleware` signs the session out once its time is up.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.utils import timezone
from django.utils.translation import gettext, npgettext
from django.utils.translation import gettext_lazy as _

from .roles import Role, has_role

ENDS_AT = "_session_ends_at"  # POSIX timestamp
IDLE_SECONDS = "_session_idle_seconds"
LAST_SEEN = "_session_last_seen"  # POSIX timestamp, kept only under an idle limit
LAST_SEEN_RESOLUTION = 60  # seconds: the session is written at most once a minute for the idle limit
# The server keeps an ended session this much longer, so that a user coming back within it is told
# why they must sign in again; it is signed out all the same.
KEPT_AFTER_END = timedelta(days=1)

SESSION_ENDED = _("Your session has ended. Please sign in again.")


@dataclass(frozen=True)
class SessionPolicy:
    key: str
    label: str
    lifetime: timedelta  # from signing in
    idle: timedelta | None = None  # signed out after this long without a request


TRAINEE = SessionPolicy("trainee", _("Trainees"), lifetime=timedelta(days=14))
STAFF = SessionPolicy("staff", _("Trainers, OTE approvers and the task force"), lifetime=timedelta(hours=12))
ADMINISTRATOR = SessionPolicy(
    "administrator", _("Administrators"), lifetime=timedelta(hours=12), idle=timedelta(minutes=30)
)
SESSION_POLICIES = (TRAINEE, STAFF, ADMINISTRATOR)


def _duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    if minutes % (24 * 60) == 0:
        days = minutes // (24 * 60)
        return npgettext("session length", "%(num)d day", "%(num)d days", days) % {"num": days}
    if minutes % 60 == 0:
        hours = minutes // 60
        return npgettext("session length", "%(num)d hour", "%(num)d hours", hours) % {"num": hours}
    return npgettext("session length", "%(num)d minute", "%(num)d minutes", minutes) % {"num": minutes}


def describe(*, policy: SessionPolicy) -> str:
    """One line of the privacy notice, in the active language."""
    values = {"who": policy.label, "lifetime": _duration(policy.lifetime)}
    if policy.idle is None:
        return gettext("%(who)s: signed out %(lifetime)s after signing in.") % values
    values["idle"] = _duration(policy.idle)
    return (
        gettext("%(who)s: signed out %(lifetime)s after signing in, or after %(idle)s without activity.")
        % values
    )


def session_policy(*, user) -> SessionPolicy:
    if user.is_superuser:
        return ADMINISTRATOR
    if user.is_staff or has_role(user, Role.TRAINER, Role.OTE_APPROVER, Role.TASK_FORCE):
        return STAFF
    return TRAINEE


def start_session(*, session, user, now: datetime) -> None:
    """Record when the session of `user`, signing in at `now`, ends."""
    policy = session_policy(user=user)
    ends_at = now + policy.lifetime
    session[ENDS_AT] = ends_at.timestamp()
    if policy.idle is not None:
        session[IDLE_SECONDS] = int(policy.idle.total_seconds())
        session[LAST_SEEN] = now.timestamp()
    else:
        session.pop(IDLE_SECONDS, None)
        session.pop(LAST_SEEN, None)
    session.set_expiry(ends_at + KEPT_AFTER_END)


def session_has_ended(*, session, now: datetime) -> bool:
    if now.timestamp() >= session[ENDS_AT]:
        return True
    idle = session.get(IDLE_SECONDS)
    return idle is not None and now.timestamp() - session.get(LAST_SEEN, 0) >= idle


def note_activity(*, session, now: datetime) -> None:
    """Under an idle limit, move the last request's time on (at most once a minute)."""
    if IDLE_SECONDS in session and now.timestamp() - session.get(LAST_SEEN, 0) >= LAST_SEEN_RESOLUTION:
        session[LAST_SEEN] = now.timestamp()


def on_sign_in(sender, request, user, **kwargs) -> None:
    """`user_logged_in` receiver (home/apps.py)."""
    if request is not None and hasattr(request, "session"):
        start_session(session=request.session, user=user, now=timezone.now())


class SessionPolicyMiddleware:
    """Signs out a session whose time is up; after the authentication and messages middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if SESSION_KEY in session:
            now = timezone.now()
            if ENDS_AT not in session:  # signed in before this policy existed: it starts now
                start_session(session=session, user=request.user, now=now)
            if session_has_ended(session=session, now=now):
                logout(request)
                messages.info(request, SESSION_ENDED)
            else:
                note_activity(session=session, now=now)
        return self.get_response(request)

"""Each person's notification preferences, the language they read e-mails in, and their calendar key."""

import secrets

from django.db import IntegrityError, transaction

from home.languages import default_language, language_codes

from ..models import NotificationPreference


def preferences_of(*, user) -> NotificationPreference:
    """The person's preferences as stored, or the defaults (unsaved) when they never chose."""
    found = NotificationPreference.objects.filter(user=user).first()
    return found if found is not None else NotificationPreference(user=user)


def account_language(*, user) -> str:
    """The language of the account: the one the person chose for the interface (their profile)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.objects.filter(user=user).only("preferred_language").first()
    chosen = profile.preferred_language if profile is not None else ""
    return chosen if chosen in language_codes() else default_language()


def language_of(*, user, preference: NotificationPreference | None = None) -> str:
    """The language of the person's e-mails and calendar: the one chosen, else the account's."""
    preference = preference if preference is not None else preferences_of(user=user)
    if preference.language in language_codes():
        return preference.language
    return account_language(user=user)


@transaction.atomic
def save_preferences(*, user, email_enabled: bool, frequency: str, digest_day: int, language: str):
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    preference.email_enabled = email_enabled
    preference.frequency = frequency
    preference.digest_day = digest_day
    preference.language = language
    preference.full_clean()
    preference.save()
    return preference


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def issue_calendar_token(*, user) -> str:
    """A new secret for the person's calendar feed: the previous address stops working."""
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    for _attempt in range(3):
        preference.calendar_token = _new_token()
        try:
            with transaction.atomic():
                preference.save(update_fields=["calendar_token", "updated_at"])
            return preference.calendar_token
        except IntegrityError:  # pragma: no cover - 256 bits collide only in theory
            continue
    raise RuntimeError("no calendar token could be issued")


@transaction.atomic
def revoke_calendar_token(*, user) -> None:
    NotificationPreference.objects.filter(user=user).update(calendar_token=None)


def owner_of_token(token: str):
    """The active account whose calendar feed `token` opens, or None."""
    if not token:
        return None
    found = (
        NotificationPreference.objects.filter(calendar_token=token, user__is_active=True)
        .select_related("user")
        .first()
    )
    return found.user if found is not None else None

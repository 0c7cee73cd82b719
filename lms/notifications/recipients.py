"""Who may receive an e-mail at all: one rule, as a test on a person and as a query filter.

Nobody erased, nobody who has not accepted the current privacy notice (`lms.privacy.consent`),
nobody without an address, inactive, or who turned e-mails off.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from ..privacy.consent import accepted_filter


def reachable_filter() -> Q:
    return (
        Q(is_active=True, erasure__isnull=True)
        & ~Q(email="")
        & accepted_filter()
        & (Q(notification_preference__isnull=True) | Q(notification_preference__email_enabled=True))
    )


def reachable(users: QuerySet | None = None) -> QuerySet:
    users = users if users is not None else get_user_model().objects.all()
    return users.filter(reachable_filter()).distinct()


def is_reachable(user) -> bool:
    return reachable(get_user_model().objects.filter(pk=user.pk)).exists()


def trainees() -> QuerySet:
    """Active trainees whose work counts (`home.roles.counts_as_trainee`, on the user table)."""
    from home.roles import STAFF_ROLES, Role

    staff = get_user_model().objects.filter(
        Q(is_superuser=True) | Q(groups__name__in=[role.value for role in STAFF_ROLES])
    )
    return (
        get_user_model()
        .objects.filter(groups__name=Role.TRAINEE.value, is_active=True)
        .exclude(pk__in=staff.values("pk"))
    )

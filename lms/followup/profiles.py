"""A trainee's optional, consented attributes (institution, unit, function, sex)."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ..models import TraineeProfile


def profile_of(*, user) -> TraineeProfile | None:
    return TraineeProfile.objects.filter(user=user).first()


@transaction.atomic
def save_profile(
    *,
    user,
    institution: str = "",
    unit: str = "",
    function: str = "",
    sex: str = "",
    now: datetime | None = None,
) -> TraineeProfile:
    """Saved only with the trainee's consent (the form asks for it): the consent's time is recorded
    with the attributes, and renewed whenever they change."""
    profile = TraineeProfile.objects.select_for_update().filter(user=user).first() or TraineeProfile(
        user=user
    )
    profile.institution = institution
    profile.unit = unit.strip()
    profile.function = function.strip()
    profile.sex = sex
    profile.consented_at = now or timezone.now()
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def withdraw_profile(*, user) -> int:
    """Consent withdrawn: the attributes are deleted (the figures already printed keep their counts)."""
    deleted, _detail = TraineeProfile.objects.filter(user=user).delete()
    return deleted

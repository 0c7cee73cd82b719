"""What the platform records of its own handling of personal data: consents and erasures."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConsentRecord(models.Model):
    """That a person accepted a given version of the privacy notice, when and in which language."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents")
    notice_version = models.CharField(_("notice version"), max_length=20)
    language = models.CharField(_("language"), max_length=8)
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(fields=["user", "notice_version"], name="one_consent_per_notice_version")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.notice_version}"


class Erasure(models.Model):
    """That a trainee's personal data was erased. The account row stays, emptied, so figures hold."""

    class Reason(models.TextChoices):
        REQUEST = "request", _("on request")
        RETENTION = "retention", _("end of the retention period")

    account = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="erasure")
    erased_at = models.DateTimeField(_("erased at"), default=timezone.now)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")

    def __str__(self) -> str:
        return f"{self.account_id}@{self.erased_at:%Y-%m-%d}"

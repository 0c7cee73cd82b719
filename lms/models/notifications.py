"""Notifications: each person's preferences, their calendar feed's key, and the outbox of messages.

The outbox holds one row per message, keyed by (recipient, trigger, object, occasion): the periodic
command and the worker insert or skip on that key, so a message is recorded once and sent once,
whatever runs twice. A message is stored as it was rendered (a record), with its delivery state.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.languages import language_choices


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("As soon as there is something")
    WEEKLY = "weekly", _("In one weekly summary")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_enabled = models.BooleanField(_("receive e-mails"), default=True)
    frequency = models.CharField(
        _("when"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    digest_day = models.PositiveSmallIntegerField(
        _("day of the weekly summary"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    language = models.CharField(
        _("language of the e-mails"),
        max_length=8,
        choices=language_choices,
        blank=True,
        help_text=_("Empty: the language of the account."),
    )
    calendar_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id}:{self.frequency}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("To send")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    WITHDRAWN = "withdrawn", _("Not sent")


class Notification(models.Model):
    """One message to one person, rendered in their language when it was recorded."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    trigger = models.CharField(_("reason"), max_length=60)
    object_key = models.CharField(max_length=80)
    occasion = models.CharField(max_length=40)
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField()
    body_html = models.TextField()
    link = models.CharField(max_length=500, blank=True)
    attachment_ics = models.TextField(blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now, db_index=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "trigger", "object_key", "occasion"],
                name="one_notification_per_occasion",
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notification_due")]

    def __str__(self) -> str:
        return f"{self.recipient_id}:{self.trigger}:{self.object_key}:{self.occasion}"

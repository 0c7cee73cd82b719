"""After the workshop: what each trainee commits to, their check-ins, coaching, and logged outcomes.

The rules (how many commitments, when a check-in is due, who sees what) live in `lms/followup/`.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkshopKind(models.TextChoices):
    WORKSHOP = "workshop", _("Training workshop")
    STUDY_VISIT = "study_visit", _("Study visit")
    SEMINAR = "seminar", _("Seminar")


class Commitment(models.Model):
    """What a trainee commits to do after a workshop they attended (one to three per workshop)."""

    workshop = models.ForeignKey(
        "lms.Workshop", verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="commitments"
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("trainee"), on_delete=models.CASCADE, related_name="+"
    )
    action = models.CharField(_("what I will do"), max_length=300)
    due_on = models.DateField(_("by when"))
    competence = models.ForeignKey(
        "courses.Competence", verbose_name=_("competence"), on_delete=models.PROTECT, related_name="+"
    )
    done_when = models.CharField(_("how I will know it is done"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["workshop_id", "created_at", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return self.action


class Milestone(models.TextChoices):
    """When a check-in falls after the workshop; the offsets are in `lms.followup.checkins`."""

    FOUR_WEEKS = "4w", _("4 weeks after")
    THREE_MONTHS = "3m", _("3 months after")
    SIX_MONTHS = "6m", _("6 months after")


class CheckInStatus(models.TextChoices):
    DONE = "done", _("Done")
    IN_PROGRESS = "in_progress", _("In progress")
    BLOCKED = "blocked", _("Blocked")


def evidence_path(instance, filename: str) -> str:
    # Never served from /media/ as it is: `lms.followup.views.evidence` checks who asks.
    return f"followup/evidence/{instance.commitment.trainee_id}/{filename}"


class CheckIn(models.Model):
    """A trainee's check-in on a commitment at a milestone: a record, never edited once given."""

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="check_ins"
    )
    milestone = models.CharField(_("milestone"), max_length=2, choices=Milestone.choices)
    status = models.CharField(_("status"), max_length=12, choices=CheckInStatus.choices)
    note = models.TextField(_("evidence: note"), blank=True)
    evidence = models.FileField(_("evidence: file"), upload_to=evidence_path, blank=True)
    self_rating = models.PositiveSmallIntegerField(
        _("my level in this competence now"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    coaching_requested = models.BooleanField(_("I would like coaching"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(fields=["commitment", "milestone"], name="one_check_in_per_milestone"),
            models.CheckConstraint(
                condition=models.Q(self_rating__gte=1, self_rating__lte=5), name="check_in_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id}@{self.milestone}"


class CoachingSession(models.Model):
    """A coaching session the trainer held with a trainee, as the trainer recorded it."""

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("trainee"), on_delete=models.CASCADE, related_name="+"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    held_on = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    topics = models.TextField(_("topics"))
    next_step = models.TextField(_("agreed next step"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")

    def __str__(self) -> str:
        return f"{self.trainee_id}@{self.held_on}"


class OutcomeKind(models.TextChoices):
    MOBILISATION_ACTION = "action", _("Mobilisation action carried out")
    MEMBER_STATE_CONTACT = "contact", _("Member-state contact established")
    CONCEPT_NOTE = "concept_note", _("Concept note submitted")


class Outcome(models.Model):
    """A result a trained person contributed to (Kirkpatrick level 4), logged by the trainer."""

    plan = models.ForeignKey(
        "lms.TrainingPlanPage", verbose_name=_("training plan"), on_delete=models.CASCADE, related_name="+"
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=OutcomeKind.choices)
    occurred_on = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=300)
    source = models.CharField(
        _("source of verification"),
        max_length=200,
        blank=True,
        help_text=_("For example: mission report, e-mail exchange, registration of the concept note."),
    )

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.description

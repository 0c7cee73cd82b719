"""The handover kit's records: facilitator notes, and each step of an OTE staff member's trainer checkout."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class FacilitatorNote(models.Model):
    """How to run one lesson or one workshop: for trainers only, never shown to trainees."""

    lesson = models.OneToOneField(
        "courses.LessonPage",
        verbose_name=_("lesson"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    workshop = models.OneToOneField(
        "lms.Workshop",
        verbose_name=_("workshop"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="facilitator_note",
    )
    session_plan = models.TextField(_("session plan"), blank=True)
    timing = models.TextField(_("timing"), blank=True)
    materials = models.TextField(_("materials"), blank=True)
    answers = models.TextField(_("answers to the exercises"), blank=True)

    panels = [
        FieldPanel("lesson"),
        FieldPanel("workshop"),
        FieldPanel("session_plan"),
        FieldPanel("timing"),
        FieldPanel("materials"),
        FieldPanel("answers"),
    ]

    class Meta:
        verbose_name = _("facilitator notes")
        verbose_name_plural = _("facilitator notes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lesson__isnull=True) ^ models.Q(workshop__isnull=True),
                name="facilitator_note_for_one_lesson_or_one_workshop",
            )
        ]

    def __str__(self) -> str:
        return str(self.lesson or self.workshop)

    def clean(self):
        if bool(self.lesson_id) == bool(self.workshop_id):
            raise ValidationError(_("Choose either a lesson or a workshop."))


class CheckoutStep(models.TextChoices):
    CO_FACILITATION = "co_facilitation", _("Co-facilitated a workshop")
    TEACHING_DEMONSTRATION = "demonstration", _("Gave a short teaching demonstration")
    FACT_REVERIFIED = "fact_reverified", _("Re-verified one fact")


class CheckoutRecord(models.Model):
    """One completed step of a staff member's trainer checkout, recorded by the trainer who saw it."""

    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("OTE staff member"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    step = models.CharField(_("step"), max_length=20, choices=CheckoutStep.choices)
    done_on = models.DateField(_("date"))
    evidence = models.CharField(
        _("evidence"),
        max_length=300,
        help_text=_("The workshop co-facilitated, the demonstration's topic, or the fact re-verified."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    panels = [FieldPanel("candidate"), FieldPanel("step"), FieldPanel("done_on"), FieldPanel("evidence")]

    class Meta:
        verbose_name = _("trainer checkout step")
        verbose_name_plural = _("trainer checkout")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "step"], name="one_record_per_checkout_step")
        ]

    def __str__(self) -> str:
        return f"{self.candidate} · {self.get_step_display()}"

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from home.languages import default_language


class AttemptStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    SUBMITTED = "submitted", _("Submitted")


class Attempt(models.Model):
    """One trainee's attempt at a quiz. Its questions and their order are frozen when it starts."""

    quiz = models.ForeignKey("assessments.QuizPage", on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField(_("attempt number"))
    status = models.CharField(
        _("status"), max_length=10, choices=AttemptStatus.choices, default=AttemptStatus.OPEN
    )
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    language = models.CharField(_("language"), max_length=2, default=default_language)

    class Meta:
        ordering = ["quiz", "user", "number"]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        constraints = [
            models.UniqueConstraint(fields=["quiz", "user", "number"], name="attempt_number_unique"),
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=Q(status="open"),
                name="one_open_attempt_per_quiz_and_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quiz_id}/{self.user_id}#{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status == AttemptStatus.OPEN


class AttemptQuestion(models.Model):
    """A question as it stands in an attempt, with the trainee's answer and its points."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey("assessments.Question", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    # The order the choices were shown in, as choice ids: frozen at the start of the attempt.
    choice_order = models.JSONField(default=list, blank=True)
    selected_choices = models.ManyToManyField("assessments.Choice", blank=True, related_name="+")
    text_answer = models.CharField(max_length=500, blank=True)
    points = models.DecimalField(max_digits=4, decimal_places=3, null=True, blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="attempt_position_unique"),
            models.UniqueConstraint(fields=["attempt", "question"], name="attempt_question_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}:{self.position}"

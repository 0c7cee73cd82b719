from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StepProgress(models.Model):
    """One trainee's progress on one course step (a lesson, a quiz...). One row per pair."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="step_progress")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    first_opened_at = models.DateTimeField(_("first opened"))
    last_opened_at = models.DateTimeField(_("last opened"), db_index=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("step progress")
        verbose_name_plural = _("step progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="one_progress_per_user_and_step")
        ]
        indexes = [models.Index(fields=["user", "-last_opened_at"], name="progress_recent")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.page_id}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class CourseCompletion(models.Model):
    """A trainee completed a course: a record, written once when the last step was completed and never
    taken back (steps published later do not undo it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_completions"
    )
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(_("completed"))

    class Meta:
        verbose_name = _("course completion")
        verbose_name_plural = _("course completions")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_completion_per_user_and_course")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.course_id}"

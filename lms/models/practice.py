"""The trainee's workbook, « Mon carnet de plaidoyer »: answers to reflection prompts and worksheets.

Both are the trainee's own: read by them and by the trainers, never by the task force or other
trainees. An answer keeps the prompt and the lesson's title as they were when answered; a worksheet
keeps the template's sections as they were when it was started (`structure`), so later edits of a
lesson or a template never change what the trainee wrote against. Worksheet values are a JSON dict
keyed by the template's field keys: their shape is defined by the template, itself data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReflectionAnswer(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflection_answers"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("lesson")
    )
    block_id = models.CharField(max_length=64)
    lesson_title = models.CharField(_("lesson"), max_length=255)
    prompt = models.TextField(_("question"))
    answer = models.TextField(_("answer"))
    answered_at = models.DateTimeField(_("answered on"), auto_now=True)

    class Meta:
        ordering = ["answered_at"]
        verbose_name = _("reflection answer")
        verbose_name_plural = _("reflection answers")
        constraints = [
            models.UniqueConstraint(fields=["owner", "lesson", "block_id"], name="one_answer_per_prompt")
        ]

    def __str__(self) -> str:
        return self.lesson_title


class Worksheet(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="worksheets")
    template = models.ForeignKey(
        "courses.WorksheetTemplate",
        null=True,
        on_delete=models.SET_NULL,
        related_name="worksheets",
        verbose_name=_("template"),
    )
    title = models.CharField(_("title"), max_length=200)
    template_titles = models.JSONField(default=dict)  # the template's title in each language, as started
    structure = models.JSONField(default=list)  # the template's sections, as started
    values = models.JSONField(default=dict)
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("worksheet")
        verbose_name_plural = _("worksheets")

    def __str__(self) -> str:
        return self.title

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from home.roles import Role


class Cohort(index.Indexed, models.Model):
    """A group of trainees following courses together; enrolment follows from membership."""

    name = models.CharField(_("name"), max_length=150)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    trainees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainees"),
        related_name="cohorts",
        blank=True,
        limit_choices_to={"groups__name": Role.TRAINEE.value},
    )
    courses = models.ManyToManyField(
        "courses.CoursePage", verbose_name=_("courses"), related_name="cohorts", blank=True
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("courses"),
        FieldPanel("trainees"),
    ]
    search_fields = [index.SearchField("name")]

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

"""Worksheet templates: a trainer defines sections and fields in the admin; trainees fill them in."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index

from home.languages import language_codes, localized

from ..worksheets.blocks import TemplateSectionsBlock


class WorksheetTemplate(DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    introduction = models.TextField(_("introduction"), blank=True)
    sections = StreamField(TemplateSectionsBlock(), verbose_name=_("sections"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("slug"), FieldPanel("introduction"), FieldPanel("sections")]
    search_fields = [index.SearchField("title")]

    class Meta:
        ordering = ["title"]
        verbose_name = _("worksheet template")
        verbose_name_plural = _("worksheet templates")

    def __str__(self) -> str:
        return self.title

    def titles(self) -> dict[str, str]:
        return {code: getattr(self, localized("title", code), "") or "" for code in language_codes()}

    def structure(self) -> list:
        """The sections as stored data: what a worksheet keeps as its snapshot of the template."""
        return list(self.sections.raw_data)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        keys = [item["value"]["key"] for section in self.structure() for item in section["value"]["fields"]]
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            raise ValidationError(
                {"sections": _("Each field needs its own key: %(keys)s") % {"keys": ", ".join(duplicates)}}
            )

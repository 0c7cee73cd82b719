from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

LEVELS = range(1, 6)


class Domain(models.Model):
    """A family of competences, e.g. "Funding" or "Advocacy"."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("key"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("competence domain")
        verbose_name_plural = _("competence domains")

    def __str__(self) -> str:
        return self.name


class Competence(index.Indexed, models.Model):
    """A competence of the framework, with what each level from 1 to 5 looks like."""

    key = models.SlugField(_("key"), max_length=20, unique=True, help_text=_("For example C01."))
    domain = models.ForeignKey(
        Domain, verbose_name=_("domain"), on_delete=models.PROTECT, related_name="competences"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    level_1 = models.TextField(_("level 1"), blank=True)
    level_2 = models.TextField(_("level 2"), blank=True)
    level_3 = models.TextField(_("level 3"), blank=True)
    level_4 = models.TextField(_("level 4"), blank=True)
    level_5 = models.TextField(_("level 5"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("key"),
        FieldPanel("domain"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel(f"level_{level}") for level in LEVELS],
            heading=_("Level descriptors"),
        ),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("description")]

    class Meta:
        ordering = ["sort_order", "key"]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")

    def __str__(self) -> str:
        return f"{self.key} · {self.name}"

    @property
    def level_descriptors(self) -> list[tuple[int, str]]:
        return [(level, getattr(self, f"level_{level}")) for level in LEVELS]

"""The knowledge room's records: the funding-source register (with its pipeline log)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from .facts import FactStatus, source_missing


class OteRole(models.TextChoices):
    LEAD = "lead", _("Lead applicant")
    PARTNER = "partner", _("Partner")
    COUNTERPART = "counterpart", _("Partner-country counterpart")
    SERVICES = "services", _("Services to returnees")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")


class PipelineStatus(models.TextChoices):
    TO_EXPLORE = "to_explore", _("To explore")
    CONTACTED = "contacted", _("Contacted")
    CONCEPT_DISCUSSED = "concept_discussed", _("Concept discussed")
    SUBMITTED = "submitted", _("Submitted")
    FUNDED = "funded", _("Funded")
    DECLINED = "declined", _("Declined")


class FundingSource(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel
):
    """One curated entry of the register: who funds what, how the OTE could take part, where the OTE
    stands, and when the entry was last checked against its source. No call portal is scraped."""

    name = models.CharField(_("name"), max_length=200)
    country_or_agency = models.CharField(_("country or agency"), max_length=200)
    funds = models.TextField(_("what it funds"))
    ote_role = models.CharField(_("possible role of the OTE"), max_length=20, choices=OteRole.choices)
    management_requirements = models.TextField(
        _("operating modes and fund-management requirements"),
        blank=True,
        help_text=_("Co-financing, management mode, reporting, procurement."),
    )
    windows_and_deadlines = models.TextField(_("windows and deadlines"), blank=True)
    contact = models.CharField(_("institutional contact"), max_length=250, blank=True)
    pipeline_status = models.CharField(
        _("OTE pipeline status"),
        max_length=20,
        choices=PipelineStatus.choices,
        default=PipelineStatus.TO_EXPLORE,
        editable=False,  # follows the latest row of the dated log below
    )
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    verification_status = models.CharField(
        _("verification status"), max_length=12, choices=FactStatus.choices, default=FactStatus.UNVERIFIED
    )
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    recheck_by = models.DateField(_("re-check by"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # As Wagtail's snippet documentation asks: revisions and workflow states are deleted with the entry.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="funding_source")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="funding_source",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("country_or_agency"),
        FieldPanel("funds"),
        FieldPanel("ote_role"),
        FieldPanel("management_requirements"),
        FieldPanel("windows_and_deadlines"),
        FieldPanel("contact"),
        MultiFieldPanel(
            [
                FieldPanel("source_url"),
                FieldPanel("verification_status"),
                FieldRowPanel([FieldPanel("verified_on"), FieldPanel("recheck_by")]),
            ],
            heading=_("Source and verification"),
        ),
        InlinePanel("status_changes", heading=_("OTE pipeline: dated log"), label=_("status change")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("country_or_agency"),
        index.SearchField("funds"),
    ]

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        super().clean()
        if source_missing(status=self.verification_status, source_url=self.source_url):
            raise ValidationError({"source_url": _("A verified entry needs the address of its source.")})
        if self.verification_status == FactStatus.VERIFIED and not self.verified_on:
            raise ValidationError({"verified_on": _("A verified entry needs the date it was verified.")})
        if self.verified_on and self.recheck_by and self.recheck_by < self.verified_on:
            raise ValidationError({"recheck_by": _("The re-check date cannot be before the check date.")})

    def save(self, *args, **kwargs):
        from .funding import current_pipeline_status

        self.pipeline_status = current_pipeline_status(changes=self.status_changes.all())
        super().save(*args, **kwargs)


class FundingStatusChange(models.Model):
    """One row of the OTE's pipeline log: the status reached, and when."""

    source = ParentalKey(FundingSource, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=20, choices=PipelineStatus.choices)
    changed_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    panels = [FieldRowPanel([FieldPanel("status"), FieldPanel("changed_on")]), FieldPanel("note")]

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.changed_on:%Y-%m-%d} {self.get_status_display()}"


class GlossaryTerm(index.Indexed, models.Model):
    """One term of the course's terminology, in every language, as lessons must use it."""

    term = models.CharField(
        _("term"), max_length=200, help_text=_("Variants separated by « / » are each recognised in lessons.")
    )
    definition = models.TextField(_("definition"), blank=True)
    section = models.CharField(_("section"), max_length=120, blank=True)
    note = models.CharField(_("usage note"), max_length=250, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("term"), FieldPanel("definition"), FieldPanel("section"), FieldPanel("note")]
    search_fields = [index.SearchField("term"), index.SearchField("definition")]

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.term

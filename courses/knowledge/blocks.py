"""Blocks of the knowledge that must stay true: a verified fact, a link to the funding register."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from .facts import FactStatus, shown_to_trainees, source_missing


class VerifiedFactBlock(blocks.StructBlock):
    statement = blocks.TextBlock(label=_("statement"))
    source_url = blocks.URLBlock(label=_("source address"), required=False)
    source_label = blocks.CharBlock(
        label=_("source"), max_length=200, required=False, help_text=_("Publisher and date of the source.")
    )
    status = blocks.ChoiceBlock(
        label=_("verification status"), choices=FactStatus.choices, default=FactStatus.VERIFIED.value
    )
    checked_on = blocks.DateBlock(label=_("checked on"), required=False)
    recheck_by = blocks.DateBlock(label=_("re-check by"), required=False)

    class Meta:
        icon = "success"
        label = _("Verified fact")
        template = "blocks/verified_fact.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if source_missing(status=value["status"], source_url=value["source_url"]):
            errors["source_url"] = ValidationError(_("A verified fact needs the address of its source."))
        if value["status"] == FactStatus.VERIFIED and not value["checked_on"]:
            errors["checked_on"] = ValidationError(_("A verified fact needs the date it was checked."))
        if value["checked_on"] and value["recheck_by"] and value["recheck_by"] < value["checked_on"]:
            errors["recheck_by"] = ValidationError(_("The re-check date cannot be before the check date."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def is_public(self, raw) -> bool:
        """Whether trainees may read this fact (search indexes and excerpts only what they may)."""
        return shown_to_trainees(status=(raw or {}).get("status"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["shown"] = shown_to_trainees(status=value["status"]) or bool(
            (parent_context or {}).get("show_unverified")
        )
        return context


class FundingSourceBlock(blocks.StructBlock):
    """A link from a lesson to an entry of the funding-source register."""

    source = SnippetChooserBlock("courses.FundingSource", label=_("funding source"))
    comment = blocks.CharBlock(label=_("why it matters here"), max_length=250, required=False)

    class Meta:
        icon = "form"
        label = _("Funding source")
        template = "blocks/funding_source.html"

    def is_public(self, raw) -> bool:
        """Whether trainees see this link: search excerpts never show the comment of a link that the
        lesson hides (a draft, unverified or deleted entry)."""
        from .funding import visible_to_trainees

        source = (raw or {}).get("source")
        return source is not None and visible_to_trainees().filter(pk=source).exists()

    def get_context(self, value, parent_context=None):
        from .funding import visible_to_trainees

        context = super().get_context(value, parent_context)
        source = value["source"]
        context["shown"] = source is not None and visible_to_trainees().filter(pk=source.pk).exists()
        return context

"""Admin reports for trainers."""

from dataclasses import dataclass

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

from home.exports import SafeSpreadsheetExportMixin
from home.field_languages import field_language_name, field_list
from home.roles import Role, role_required

from .translation_status import (
    MissingTranslation,
    missing_translations,
    translated_child_relations,
    translated_fields,
)


@dataclass(frozen=True)
class TranslationGap:
    item: Model
    missing: list[MissingTranslation]
    edit_url: str

    @property
    def title(self) -> str:
        return self.item.title if isinstance(self.item, Page) else str(self.item)

    @property
    def kind(self) -> str:
        return capfirst(type(self.item)._meta.verbose_name)

    @property
    def languages(self) -> str:
        codes = sorted({m.language for m in self.missing})
        return field_list(get_language_info(code)["name_translated"] for code in codes)

    @property
    def fields(self) -> str:
        return field_list(f"{m.label} ({field_language_name(language=m.language)})" for m in self.missing)


def _translated_models(models) -> list[type[Model]]:
    return [
        model
        for model in models
        if model is not Page and (translated_fields(model) or translated_child_relations(model))
    ]


def _page_gaps() -> list[TranslationGap]:
    """One query per page type and per translated inline relation, whatever the number of pages."""
    gaps = []
    for model in _translated_models(get_page_models()):
        pages = model.objects.filter(content_type=ContentType.objects.get_for_model(model))
        for page in pages.prefetch_related(*translated_child_relations(model)):
            missing = missing_translations(page)
            if missing:
                gaps.append(TranslationGap(page, missing, reverse("wagtailadmin_pages:edit", args=[page.pk])))
    return sorted(gaps, key=lambda gap: gap.item.path)


def _snippet_gaps() -> list[TranslationGap]:
    gaps = []
    for model in _translated_models(get_snippet_models()):
        edit_url_name = model.snippet_viewset.get_url_name("edit")
        for snippet in model.objects.prefetch_related(*translated_child_relations(model)):
            missing = missing_translations(snippet)
            if missing:
                edit_url = reverse(edit_url_name, args=[quote(snippet.pk)])
                gaps.append(TranslationGap(snippet, missing, edit_url))
    return gaps


@method_decorator(role_required(Role.TRAINER), name="dispatch")
class TranslationGapsView(SafeSpreadsheetExportMixin, ReportView):
    """Every page and snippet (questions, competences...) with a field, or an inline item's field
    (choices, workshops, questionnaire items), missing in French or Arabic."""

    page_title = _("Missing translations")
    header_icon = "warning"
    template_name = "courses/admin/translation_gaps.html"
    results_template_name = "courses/admin/translation_gaps_results.html"
    index_url_name = "translation_gaps"
    index_results_url_name = "translation_gaps"
    list_export = ["title", "kind", "languages", "fields"]
    export_headings = {
        "title": _("Page or item"),
        "kind": _("Type"),
        "languages": _("Languages"),
        "fields": _("Missing fields"),
    }
    export_filename = "missing-translations"
    any_permission_required = ["add", "change", "publish"]

    def get_queryset(self):
        return _page_gaps() + _snippet_gaps()

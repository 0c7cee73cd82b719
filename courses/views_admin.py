"""Admin reports for trainers."""

from dataclasses import dataclass

from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from home.exports import SafeSpreadsheetExportMixin
from home.roles import Role, role_required

from .translation_status import MissingTranslation, missing_translations, translated_fields


@dataclass(frozen=True)
class TranslationGap:
    page: Page
    missing: list[MissingTranslation]

    @property
    def title(self) -> str:
        return self.page.title

    @property
    def languages(self) -> str:
        return ", ".join(sorted({m.language for m in self.missing}))

    @property
    def fields(self) -> str:
        return ", ".join(f"{m.label} ({m.language})" for m in self.missing)


@method_decorator(role_required(Role.TRAINER), name="dispatch")
class TranslationGapsView(SafeSpreadsheetExportMixin, ReportView):
    """Every page with a translated field filled in one language but not the other."""

    page_title = _("Missing translations")
    header_icon = "warning"
    template_name = "courses/admin/translation_gaps.html"
    results_template_name = "courses/admin/translation_gaps_results.html"
    index_url_name = "translation_gaps"
    index_results_url_name = "translation_gaps"
    list_export = ["title", "languages", "fields"]
    export_headings = {"title": _("Page"), "languages": _("Languages"), "fields": _("Fields")}
    export_filename = "missing-translations"
    any_permission_required = ["add", "change", "publish"]

    def get_queryset(self):
        from wagtail.models import get_page_models

        translated_types = [model for model in get_page_models() if translated_fields(model)]
        pages = Page.objects.type(*translated_types).specific().order_by("path")
        gaps = [TranslationGap(page, missing_translations(page)) for page in pages]
        return [gap for gap in gaps if gap.missing]

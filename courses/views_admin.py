"""Admin reports for trainers: the cohort progress matrix (with its spreadsheet export) and the
pages and items missing a translation."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Model
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

from home.exports import RowDictExportMixin, SafeSpreadsheetExportMixin, sheet_title
from home.field_languages import field_language_name, field_list
from home.people import display_name
from home.roles import Role, role_required

from .matrix import CELL_LABELS, cell_kind, cohort_matrix, live_course_ids, refresh_progress
from .models import Cohort
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


def _setting_gaps() -> list[TranslationGap]:
    """The settings (the site's name, tagline and address, shown on every page and printed document)."""
    from wagtail.contrib.settings.registry import registry

    gaps = []
    for model in _translated_models(list(registry)):
        for setting in model.objects.all():
            missing = missing_translations(setting)
            if missing:
                # A site setting is edited at its site's number, a generic setting at its own.
                number = getattr(setting, "site_id", setting.pk)
                args = [model._meta.app_label, model._meta.model_name, number]
                gaps.append(TranslationGap(setting, missing, reverse("wagtailsettings:edit", args=args)))
    return gaps


@method_decorator(role_required(Role.TRAINER), name="dispatch")
class TranslationGapsView(SafeSpreadsheetExportMixin, ReportView):
    """Every page, snippet (questions, competences...) and setting with a field, or an inline item's
    field (choices, workshops, questionnaire items), missing in French or Arabic."""

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
        return _page_gaps() + _snippet_gaps() + _setting_gaps()


trainers_only = role_required(Role.TRAINER)

SHEET_COLUMN_WIDTHS = {"trainee": 28, "completed": 12, "percent": 12, "last_activity": 16}
STEP_COLUMN_WIDTH = 14


@method_decorator(trainers_only, name="dispatch")
class CohortProgressView(RowDictExportMixin, ReportView):
    """The cohort's trainees × the steps of its courses, at a glance; `?behind=1` keeps those behind
    schedule. Exported as CSV or XLSX (a sheet named after the cohort, headings and names frozen)."""

    template_name = "courses/admin/progress_matrix.html"
    results_template_name = "courses/admin/progress_matrix_results.html"
    header_icon = "table"
    paginate_by = None
    index_url_name = "courses_progress"
    index_results_url_name = "courses_progress"

    def dispatch(self, request, *args, **kwargs):
        # Runs after the role check (unlike setup), so nothing is read for someone refused.
        try:
            self.cohort, course_ids = live_course_ids(kwargs["cohort_id"])
        except Cohort.DoesNotExist:
            raise Http404 from None
        refresh_progress(users=self.cohort.trainees.all())
        self.matrix = cohort_matrix(cohort=self.cohort, course_ids=course_ids, notices=True)
        self.behind_only = request.GET.get("behind") == "1"
        self.list_export = [
            "trainee",
            *[f"step_{c.step.pk}" for c in self.matrix.columns],
            "completed",
            "percent",
            "last_activity",
        ]
        self.export_headings = {
            "trainee": gettext("Trainee"),
            **{f"step_{c.step.pk}": f"{c.full_title} ({c.short_label})" for c in self.matrix.columns},
            "completed": gettext("Steps completed"),
            "percent": gettext("Progress (%)"),
            "last_activity": gettext("Last activity"),
        }
        return super().dispatch(request, *args, **kwargs)

    @property
    def page_title(self):
        return gettext("Progress: %(cohort)s") % {"cohort": self.cohort.name}

    def get_filename(self):
        return f"progress-cohort-{self.cohort.pk}"

    def get_index_url(self):
        return self.request.path

    def get_index_results_url(self):
        return self.request.path

    def get_queryset(self):
        rows = self.matrix.behind if self.behind_only else self.matrix.rows
        if not self.is_export:
            return rows
        return [self.export_row(row) for row in rows]

    def export_row(self, row) -> dict:
        cells = {}
        for column, cell in zip(self.matrix.columns, row.cells, strict=True):
            label = str(CELL_LABELS[cell_kind(cell, graded=column.graded)])
            if cell.score is not None:
                label += f" ({cell.score:.0f} %)"
            cells[f"step_{column.step.pk}"] = label
        return {
            "trainee": display_name(row.trainee),
            **cells,
            "completed": row.completed,
            "percent": row.percent,
            "last_activity": row.last_activity,
        }

    def write_xlsx(self, queryset, output):
        """Wagtail's export (every cell neutralised by `home.exports`), on a sheet named after the
        cohort, with the headings and the names frozen and columns wide enough to read."""
        from openpyxl import Workbook
        from openpyxl.utils import get_column_letter
        from wagtail.admin.views.mixins import ExcelDateFormatter

        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title=sheet_title(self.cohort.name, fallback=gettext("Progress")))
        worksheet.freeze_panes = "B2"
        for number, field in enumerate(self.list_export, start=1):
            width = SHEET_COLUMN_WIDTHS.get(field, STEP_COLUMN_WIDTH)
            worksheet.column_dimensions[get_column_letter(number)].width = width
        worksheet.append(self.get_heading(queryset, field) for field in self.list_export)
        date_format = ExcelDateFormatter().get()
        for item in queryset:
            row = self.to_row_dict(item)
            worksheet.append(self.generate_xlsx_row(worksheet, row, date_format=date_format))
        workbook.save(output)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        every = {key: value for key, value in self.request.GET.items() if key != "behind"}
        context.update(
            matrix=self.matrix,
            step_totals=list(zip(self.matrix.columns, self.matrix.completed_per_step, strict=True)),
            behind_only=self.behind_only,
            behind_count=len(self.matrix.behind),
            all_url=f"{self.request.path}?{urlencode(every)}" if every else self.request.path,
            behind_url=f"{self.request.path}?{urlencode({**every, 'behind': '1'})}",
            notices=self.matrix.notices,
        )
        return context


@trainers_only
def cohort_list(request):
    cohorts = Cohort.objects.annotate(trainee_count=Count("trainees")).order_by("-start_date", "name")
    return TemplateResponse(
        request,
        "courses/admin/cohort_list.html",
        {"cohorts": cohorts, "page_title": gettext("Trainee progress"), "header_icon": "table"},
    )

"""Admin reports for trainers: the cohort progress matrix (with its spreadsheet export) and the
pages missing a translation."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from home.exports import RowDictExportMixin, SafeSpreadsheetExportMixin, sheet_title
from home.roles import Role, role_required

from .matrix import CELL_LABELS, cell_kind, cohort_matrix, refresh_progress
from .models import Cohort
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

    page_title = gettext_lazy("Missing translations")
    header_icon = "warning"
    template_name = "courses/admin/translation_gaps.html"
    results_template_name = "courses/admin/translation_gaps_results.html"
    index_url_name = "translation_gaps"
    index_results_url_name = "translation_gaps"
    list_export = ["title", "languages", "fields"]
    export_headings = {
        "title": gettext_lazy("Page"),
        "languages": gettext_lazy("Languages"),
        "fields": gettext_lazy("Fields"),
    }
    export_filename = "missing-translations"
    any_permission_required = ["add", "change", "publish"]

    def get_queryset(self):
        from wagtail.models import get_page_models

        translated_types = [model for model in get_page_models() if translated_fields(model)]
        pages = Page.objects.type(*translated_types).specific().order_by("path")
        gaps = [TranslationGap(page, missing_translations(page)) for page in pages]
        return [gap for gap in gaps if gap.missing]


trainers_only = role_required(Role.TRAINER)

SHEET_COLUMN_WIDTHS = {"trainee": 28, "completed": 12, "percent": 12, "last_activity": 16}
STEP_COLUMN_WIDTH = 14


def _name(trainee) -> str:
    return trainee.get_full_name() or trainee.get_username()


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
        self.cohort = get_object_or_404(Cohort, pk=kwargs["cohort_id"])
        refresh_progress(users=self.cohort.trainees.all())
        self.matrix = cohort_matrix(cohort=self.cohort)
        self.behind_only = request.GET.get("behind") == "1"
        self.list_export = [
            "trainee",
            *[f"step_{c.step.pk}" for c in self.matrix.columns],
            "completed",
            "percent",
            "last_activity",
        ]
        self.export_headings = {
            "trainee": _("Trainee"),
            **{f"step_{c.step.pk}": f"{c.full_title} ({c.short_label})" for c in self.matrix.columns},
            "completed": _("Steps completed"),
            "percent": _("Progress (%)"),
            "last_activity": _("Last activity"),
        }
        return super().dispatch(request, *args, **kwargs)

    @property
    def page_title(self):
        return _("Progress: %(cohort)s") % {"cohort": self.cohort.name}

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
            "trainee": _name(row.trainee),
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
        worksheet = workbook.create_sheet(title=sheet_title(self.cohort.name, fallback=_("Progress")))
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
        )
        return context


@trainers_only
def cohort_list(request):
    cohorts = Cohort.objects.annotate(trainee_count=Count("trainees")).order_by("-start_date", "name")
    return TemplateResponse(
        request,
        "courses/admin/cohort_list.html",
        {"cohorts": cohorts, "page_title": _("Trainee progress"), "header_icon": "table"},
    )

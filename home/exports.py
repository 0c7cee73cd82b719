"""Spreadsheet exports that a spreadsheet program can never read as formulas."""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise_formula(value):
    """Prefix text that a spreadsheet would evaluate (=, +, -, @, tab, CR) with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class SafeSpreadsheetExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV/XLSX export, with every text cell neutralised in both formats."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise_formula(super().preprocess_field_value(field, value, export_format))


class RowDictExportMixin(SafeSpreadsheetExportMixin):
    """Export rows that are dictionaries, with headings given per column key."""

    def to_row_dict(self, item):
        return {field: item.get(field, "") for field in self.list_export}

    def get_heading(self, queryset, field):
        return str(self.export_headings.get(field, field))

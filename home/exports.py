"""Spreadsheet exports that a spreadsheet program can never read as formulas, and whose CSV opens
right in a French-locale Excel.

Every export of the site goes through Wagtail's `SpreadsheetExportMixin`: ours (progress matrix,
quiz results, translation gaps, questionnaire responses) and Wagtail's own (site history, page
reports, form submissions, snippet listings). Wagtail has no hook or setting for what it writes,
so `install()` (run once from `HomeConfig.ready`) replaces four of the mixin's methods, here and
nowhere else:

- every cell, column headings included, is neutralised (`neutralise_formula`) in both formats;
- CSV is UTF-8 with a byte-order mark, `;`-separated, with a decimal comma: what Excel expects in
  a French locale (XLSX stays the first choice offered; it needs none of this).

Upgrade checklist: `tests/home/test_exports.py` compares these methods with Wagtail's originals
(`WAGTAIL_ORIGINALS`) on harmless values; it fails if Wagtail renames or reshapes them.
"""

import csv
from decimal import Decimal

from wagtail.admin.views.mixins import Echo, SpreadsheetExportMixin

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
CSV_DELIMITER = ";"
CSV_DECIMAL_SEPARATOR = ","
CSV_BYTE_ORDER_MARK = "\ufeff"

PATCHED = ("preprocess_field_value", "get_heading", "stream_csv", "write_csv_response")
WAGTAIL_ORIGINALS = {name: getattr(SpreadsheetExportMixin, name) for name in PATCHED}


def neutralise_formula(value):
    """Prefix text that a spreadsheet would evaluate (=, +, -, @, tab, CR, LF) with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
SHEET_TITLE_LENGTH = 31


def sheet_title(name: str, *, fallback: str) -> str:
    """A worksheet name spreadsheet programs accept: at most 31 characters, none of [ ] : * ? / \\,
    no apostrophe at either end, not "History" (Excel's own); `fallback` when nothing is left."""
    title = " ".join(str(name).translate(SHEET_TITLE_FORBIDDEN).split())[:SHEET_TITLE_LENGTH].strip(" '")
    if not title or title.casefold() == "history":
        title = str(fallback)[:SHEET_TITLE_LENGTH]
    return title


def csv_number(value):
    """A decimal number as French Excel reads it (12,5); anything else unchanged."""
    if isinstance(value, (float, Decimal)):
        return str(value).replace(".", CSV_DECIMAL_SEPARATOR)
    return value


def preprocess_field_value(self, field, value, export_format):
    value = neutralise_formula(WAGTAIL_ORIGINALS["preprocess_field_value"](self, field, value, export_format))
    return csv_number(value) if export_format == self.FORMAT_CSV else value


def get_heading(self, queryset, field):
    return neutralise_formula(WAGTAIL_ORIGINALS["get_heading"](self, queryset, field))


def stream_csv(self, queryset):
    """Wagtail's `stream_csv`, `;`-separated and starting with a byte-order mark."""
    writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=CSV_DELIMITER)
    headings = {field: self.get_heading(queryset, field) for field in self.list_export}
    yield CSV_BYTE_ORDER_MARK.encode() + writer.writerow(headings)
    for item in queryset:
        yield self.write_csv_row(writer, self.to_row_dict(item))


def write_csv_response(self, queryset):
    response = WAGTAIL_ORIGINALS["write_csv_response"](self, queryset)
    response["Content-Type"] = "text/csv; charset=utf-8"
    return response


def install() -> None:
    """Make every spreadsheet export of the site (ours and Wagtail's) safe and French-Excel ready."""
    for name in PATCHED:
        setattr(SpreadsheetExportMixin, name, globals()[name])


class SafeSpreadsheetExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV/XLSX export, as `install()` makes it: every cell neutralised in both formats."""


class RowDictExportMixin(SafeSpreadsheetExportMixin):
    """Export rows that are dictionaries, with headings given per column key."""

    def to_row_dict(self, item):
        return {field: item.get(field, "") for field in self.list_export}

    def get_heading(self, queryset, field):
        return neutralise_formula(str(self.export_headings.get(field, field)))

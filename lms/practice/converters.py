from django.urls import register_converter


class ExportFormat:
    """`pdf` or `docx`: the formats a workbook or a worksheet is exported to."""

    regex = "pdf|docx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExportFormat, "export")

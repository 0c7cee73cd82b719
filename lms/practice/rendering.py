"""The workbook and its worksheets as a read-only HTML fragment, a PDF (WeasyPrint, `lms.pdf`, with
its fonts: Arabic is shaped) and a Word document (python-docx, paragraphs right-to-left in Arabic).
Each takes what `workbook.present`/`worksheet_view` computed from (template, values)."""

import io
import re

from django.http import HttpResponse
from django.utils import formats
from django.utils.translation import gettext as _

from courses.worksheets.presentation import WorksheetView, worksheet_html  # noqa: F401 (re-exported)
from home.languages import current_language, is_right_to_left, text_direction
from home.people import display_name

from ..pdf import render_pdf
from .workbook import Workbook

# Characters XML 1.0 cannot hold: dropped from what a Word document says.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _owner_name(view_or_book) -> str:
    owner = getattr(view_or_book, "owner", None) or getattr(view_or_book.worksheet, "owner", None)
    return display_name(owner) if owner is not None else ""


def worksheet_pdf(request, *, view: WorksheetView) -> HttpResponse:
    return render_pdf(
        request, "lms/practice/worksheet_pdf.html", {"view": view, "owner_name": _owner_name(view)}, "fiche"
    )


def workbook_pdf(request, *, workbook: Workbook) -> HttpResponse:
    context = {"workbook": workbook, "owner_name": _owner_name(workbook)}
    return render_pdf(request, "lms/practice/workbook_pdf.html", context, "carnet")


def docx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}-{current_language()}.docx"'
    return response


class _Writer:
    """A python-docx document written in the active language's direction."""

    def __init__(self):
        from docx import Document

        self.document = Document()
        self.rtl = is_right_to_left(current_language())
        if self.rtl:
            self._rtl_defaults()

    def _rtl_defaults(self):
        from docx.oxml.ns import qn

        style = self.document.styles["Normal"]
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:cs"), "Noto Naskh Arabic")

    def _direction(self, paragraph):
        """Right to left where the paragraph's text is (or, with no strong character, the document)."""
        direction = text_direction(paragraph.text)
        if direction == "ltr" or (direction == "auto" and not self.rtl):
            return paragraph
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement

        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        properties = paragraph._p.get_or_add_pPr()
        properties.insert(0, OxmlElement("w:bidi"))
        for run in paragraph.runs:
            run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))
        return paragraph

    def heading(self, text: str, level: int):
        return self._direction(self.document.add_heading(NOT_IN_XML.sub("", text), level=level))

    def paragraph(self, text: str, *, bold: bool = False, small: bool = False):
        paragraph = self.document.add_paragraph()
        run = paragraph.add_run(NOT_IN_XML.sub("", text))
        run.bold = bold
        if small:
            from docx.shared import Pt

            run.font.size = Pt(9)
        return self._direction(paragraph)

    def table(self, columns: list[str], rows: list[list[str]]):
        table = self.document.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        if self.rtl:
            from docx.oxml import OxmlElement

            table._tbl.tblPr.append(OxmlElement("w:bidiVisual"))
        for cell, text in zip(table.rows[0].cells, columns, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(NOT_IN_XML.sub("", text)).bold = True
            self._direction(cell.paragraphs[0])
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = NOT_IN_XML.sub("", text)
                self._direction(cell.paragraphs[0])
        return table

    def worksheet(self, view: WorksheetView, level: int):
        self.heading(view.title, level)
        self.paragraph(str(view.spec.title), small=True)
        if view.problems:
            self.paragraph(_("To complete:"), bold=True)
            for problem in view.problems:
                self.paragraph(f"– {problem.message}", small=True)
        for section in view.sections:
            self.heading(section["title"], level + 1)
            for item in section["items"]:
                self.paragraph(item["label"], bold=True)
                if "rows" in item:
                    if item["rows"]:
                        self.table(item["columns"], item["rows"])
                    else:
                        self.paragraph(_("Not filled in yet."), small=True)
                else:
                    self.paragraph(item["text"] or _("Not filled in yet."))
        if view.timeline and view.timeline.steps:
            self.heading(_("Roadmap timeline"), level + 1)
            for step in view.timeline.steps:
                day = formats.date_format(step.day, "SHORT_DATE_FORMAT")
                self.paragraph(" · ".join([day, step.label, *step.details]))

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def worksheet_docx(*, view: WorksheetView) -> bytes:
    writer = _Writer()
    writer.worksheet(view, level=1)
    return writer.bytes()


def workbook_docx(*, workbook: Workbook) -> bytes:
    writer = _Writer()
    writer.heading(_("My advocacy workbook"), 0)
    writer.paragraph(display_name(workbook.owner))
    writer.heading(_("My answers to the lessons' questions"), 1)
    for answer in workbook.reflections:
        writer.paragraph(
            f"{answer.lesson_title} · {formats.date_format(answer.answered_at, 'DATE_FORMAT')}", small=True
        )
        writer.paragraph(answer.prompt, bold=True)
        writer.paragraph(answer.answer)
    for view in workbook.worksheets:
        writer.worksheet(view, level=1)
    return writer.bytes()

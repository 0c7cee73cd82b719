"""Builders for assignments: `make_assignment(module, criteria=3)` and a file of each kind."""

import io
import zipfile
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from assessments.models import AssignmentPage, RubricCriterion

_sequence = count(1)


def make_assignment(
    module, *, criteria: int = 3, levels: int = 4, live: bool = True, **fields
) -> AssignmentPage:
    n = next(_sequence)
    with translation.override("fr"):
        assignment = AssignmentPage(
            title=f"Travail {n}",
            title_fr=f"Travail {n}",
            title_ar=f"عمل {n}",
            slug=f"travail-{n}",
            slug_fr=f"travail-{n}",
            slug_ar=f"amal-{n}",
            instructions_fr="<p>Rédigez une note de plaidoyer.</p>",
            instructions_ar="<p>يُرجى تحرير مذكرة مناصرة.</p>",
            live=live,
            **fields,
        )
        module.add_child(instance=assignment)
    for position in range(criteria):
        texts = {}
        for level in range(1, 5):
            shown = level <= levels
            texts[f"level_{level}_fr"] = f"Niveau {level} du critère {position + 1}" if shown else ""
            texts[f"level_{level}_ar"] = f"المستوى {level} من المعيار {position + 1}" if shown else ""
            texts[f"points_{level}"] = level - 1
        RubricCriterion.objects.create(
            assignment=assignment,
            sort_order=position,
            title_fr=f"Critère {position + 1}",
            title_ar=f"المعيار {position + 1}",
            **texts,
        )
    return assignment


def pdf_upload(name: str = "plan.pdf", size: int = 0) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * size + b"\n%%EOF", content_type="application/pdf")


def docx_upload(name: str = "plan.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def odt_upload(name: str = "plan.odt") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return SimpleUploadedFile(name, buffer.getvalue())

"""Files people hand in: checked by what they contain, not only by their name.

A PDF starts with `%PDF-`; a DOCX is a ZIP holding `word/document.xml`; an ODT is a ZIP whose first
entry, `mimetype`, says `application/vnd.oasis.opendocument.text`. Anything else (SVG, HTML, a
renamed executable, a spreadsheet called .docx) is refused with a message the person can act on.
"""

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class DocumentKind:
    extension: str
    content_type: str


PDF = DocumentKind("pdf", "application/pdf")
DOCX = DocumentKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
ODT = DocumentKind("odt", "application/vnd.oasis.opendocument.text")
DOCUMENT_KINDS = (PDF, DOCX, ODT)


def _zip_kind(upload) -> DocumentKind | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if names and names[0] == "mimetype" and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return ODT
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                return DOCX
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return None
    return None


def sniffed_kind(upload) -> DocumentKind | None:
    """The kind of document the file's bytes show, or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(upload)
        upload.seek(0)
        return kind
    return None


def check_document(upload, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> DocumentKind:
    """The document's kind when it is a PDF, DOCX or ODT of at most `max_bytes` whose name matches
    its content; else a ValidationError saying what is wrong."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large: %(size)s MB at most.") % {"size": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    kind = sniffed_kind(upload)
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if kind is None or kind.extension != extension:
        raise ValidationError(
            _("Only PDF, DOCX or ODT documents are accepted, and the file's name must match its content."),
            code="bad_type",
        )
    return kind

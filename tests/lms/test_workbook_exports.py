"""A worksheet and the workbook exported (issue 20): the PDF rasterised (not blank, the title at the
start edge, the grid's quadrant colours printed) and read back as text with its Arabic shaped and in
order; the Word document read back with python-docx, right-to-left in Arabic."""

import io
import re
import shutil
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from docx import Document
from PIL import Image

from courses.models import Actor
from home.roles import Role, ensure_groups, remove_unused_wagtail_groups
from home.site_tree import ensure_home_page
from lms.demo.practice_content import load_actors, load_worksheet_templates
from lms.models import ReflectionAnswer
from lms.practice.workbook import save_worksheet, start_worksheet
from tests.lms.test_pdf_every_document import TITLE, coloured, ink_share
from tests.paths import path_to

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("test_workbook_exports")]
needs_poppler = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils missing")

ASK_AR = "تمويل مكتبين جهويين"
GOAL_FR = "Un service public national durable"
BIDI = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi"
KEY_QUADRANT = (249, 224, 224)  # #f9e0e0, static/css/workbook.css


@pytest.fixture(scope="module")
def sheet(django_db_setup, django_db_blocker):
    """Built once for the module, in a transaction rolled back at its end (each test in a savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        ensure_home_page()
        ensure_groups()
        remove_unused_wagtail_groups()
        yield _build()
        transaction.set_rollback(True)


def _build():
    owner = get_user_model().objects.create_user(username="amira", first_name="Amira", last_name="Ben Ali")
    owner.groups.add(Group.objects.get(name=Role.TRAINEE.value))
    load_actors()
    template = next(t for t in load_worksheet_templates() if t.slug == "plan-de-plaidoyer")
    worksheet = start_worksheet(user=owner, template=template)
    ofii = Actor.objects.get(acronym="OFII")
    save_worksheet(
        worksheet=worksheet,
        title="Plan OFII",
        values={
            "goal": GOAL_FR,
            "targets": [{"actor": ofii.pk, "influence": 5, "alignment": 5, "ask": ASK_AR}],
            "actions": [{"action": "Note conceptuelle", "date": "2027-01-15", "owner": "Chef de projet"}],
        },
    )
    ReflectionAnswer.objects.create(
        owner=owner, lesson=None, block_id="b", lesson_title="Leçon", prompt="Question ?", answer="Ma réponse"
    )
    return worksheet


def printed(client, sheet, url: str, tmp_path) -> tuple[list[Image.Image], str]:
    client.force_login(sheet.owner)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "document.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(["pdftoppm", "-r", "72", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = [Image.open(path).convert("RGB") for path in sorted(tmp_path.glob("page-*.png"))]
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    # pdftotext marks right-to-left runs (U+202A–U+202C) and breaks lines inside table cells.
    return pages, re.sub(r"\s+", " ", re.sub("[\u202a-\u202e]", "", text.stdout))


@needs_poppler
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_worksheet_pdf_prints_its_title_at_the_start_edge_and_its_grid(client, sheet, tmp_path, language):
    pages, text = printed(client, sheet, f"/{language}/my/workbook/worksheets/{sheet.pk}.pdf", tmp_path)
    first = pages[0]
    assert ink_share(first) > 0.01
    title = coloured(first, TITLE)
    assert title, "no title printed"
    middle = first.width / 2
    if language == "ar":
        assert min(x for x, _y in title) > middle * 0.6 and max(x for x, _y in title) > middle
    else:
        assert min(x for x, _y in title) < middle
    assert any(coloured(page, KEY_QUADRANT, tolerance=6) for page in pages), (
        "the grid's quadrant is not printed"
    )
    # Shaped Arabic reads back in logical order: the words as typed, the template's Arabic title.
    assert ASK_AR in text
    assert GOAL_FR in text and "OFII" in text
    if language == "ar":
        assert "الجهات المستهدفة" in text


@needs_poppler
def test_the_workbook_pdf_holds_the_answers_and_the_worksheets(client, sheet, tmp_path):
    _pages, text = printed(
        client, sheet, path_to("lms:practice:workbook_export", language="ar", export_format="pdf"), tmp_path
    )
    assert "Ma réponse" in text and "Plan OFII" in text and ASK_AR in text


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_word_document_reads_back(client, sheet, language):
    client.force_login(sheet.owner)
    response = client.get(f"/{language}/my/workbook/worksheets/{sheet.pk}.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'-{language}.docx"')
    document = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Plan OFII"
    assert GOAL_FR in paragraphs
    targets = next(t for t in document.tables if any("OFII" in c.text for c in t.rows[1].cells))
    assert [c.text for c in targets.rows[1].cells][1:4] == ["5", "5", ASK_AR]
    # Each paragraph reads in its text's direction: the Arabic section titles right to left, the
    # French values typed by the trainee left to right, in both documents.
    heading = next(
        p
        for p in document.paragraphs
        if p.text in ("Cibles, demandes et messages", "الجهات المستهدفة والطلبات والرسائل")
    )
    assert (heading._p.pPr.find(BIDI) is not None) == (language == "ar")
    goal = next(p for p in document.paragraphs if p.text == GOAL_FR)
    assert goal._p.pPr is None or goal._p.pPr.find(BIDI) is None


def test_the_workbook_word_document_holds_the_answers(client, sheet):
    client.force_login(sheet.owner)
    document = Document(
        io.BytesIO(client.get(path_to("lms:practice:workbook_export", export_format="docx")).content)
    )
    text = [p.text for p in document.paragraphs]
    assert "Ma réponse" in text and "Plan OFII" in text

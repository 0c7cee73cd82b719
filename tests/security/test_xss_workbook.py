"""The XSS corpus through the workbook (issue 20): typed in reflection answers, worksheet values,
worksheet titles and register proposals, it comes back as text on the pages, in the trainers' admin
view, in the PDF (no action, the text there) and in the Word document (read back with python-docx,
the text as typed, no field code or hyperlink)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse

from courses.actors import propose_actor
from courses.models import Actor
from home.roles import Role, ensure_groups, remove_unused_wagtail_groups
from home.site_tree import ensure_home_page
from lms.demo.practice_content import load_actors, load_worksheet_templates
from lms.models import ReflectionAnswer
from lms.practice.workbook import save_worksheet, start_worksheet
from tests.paths import path_to
from tests.security.xss_corpus import (
    MARKUP_LTR,
    PAYLOADS,
    assert_escaped,
    assert_pdf_is_inert,
    html_of,
    needs_poppler,
    pdf_report,
)

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("test_xss_workbook")]

PLAIN = [p for p in PAYLOADS if "\x00" not in p]


def _person(role: Role, username: str, **names):
    user = get_user_model().objects.create_user(username=username, password="correct-horse-battery", **names)
    user.groups.add(Group.objects.get(name=role.value))
    return user


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module, in a transaction rolled back at its end; each test runs in its own
    savepoint (the `db` fixture), so what a request writes is undone before the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        ensure_home_page()
        ensure_groups()
        remove_unused_wagtail_groups()
        yield _build()
        transaction.set_rollback(True)


@pytest.fixture
def trainer(db):
    return _person(Role.TRAINER, "karim", first_name="Karim", last_name="Belhadj")


def _build():
    me = _person(Role.TRAINEE, "me", first_name=PAYLOADS[0], last_name=PAYLOADS[1])
    load_actors()
    templates = {t.slug: t for t in load_worksheet_templates()}
    proposal = propose_actor(user=me, name=PAYLOADS[2], kind="agency", country=PAYLOADS[3], role=PAYLOADS[4])
    sheet = start_worksheet(user=me, template=templates["plan-de-plaidoyer"])
    save_worksheet(
        worksheet=sheet,
        title=PAYLOADS[5],
        values={
            "problem": PAYLOADS[6],
            "evidence": "\n".join(PLAIN),
            "objectives": [{"objective": PAYLOADS[7], "measure": PAYLOADS[8], "due": "2027-01-01"}],
            "targets": [{"actor": proposal.pk, "influence": 5, "alignment": 5, "ask": PAYLOADS[9]}],
            "actions": [{"action": PAYLOADS[10], "date": "2027-02-01", "owner": PAYLOADS[11]}],
        },
    )
    for index, text in enumerate(PLAIN):
        ReflectionAnswer.objects.create(
            owner=me, lesson=None, block_id=f"b{index}", lesson_title=text, prompt=text, answer=text
        )
    return {"me": me, "sheet": sheet, "proposal": proposal}


SHOWN = [PAYLOADS[0], PAYLOADS[5], PAYLOADS[7], PAYLOADS[9], PAYLOADS[10]]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_workbook_pages_show_typed_markup_as_text(client, world, language):
    client.force_login(world["me"])
    sheet = world["sheet"].pk
    assert_escaped(html_of(client, f"/{language}/my/workbook/"), PAYLOADS[5], *PLAIN[:3])
    assert_escaped(html_of(client, f"/{language}/my/workbook/worksheets/{sheet}/"), *SHOWN[1:])
    assert_escaped(html_of(client, f"/{language}/my/workbook/worksheets/{sheet}/edit/"))
    assert_escaped(html_of(client, f"/{language}/my/workbook/actors/"), PAYLOADS[2])


def test_the_trainers_view_shows_typed_markup_as_text(client, world, trainer):
    client.force_login(trainer)
    content = html_of(client, reverse("lms_trainee_workbook", kwargs={"user_id": world["me"].pk}))
    assert_escaped(content, *SHOWN[1:])
    assert_escaped(html_of(client, reverse("lms_workbooks")))
    assert_escaped(html_of(client, reverse("wagtailsnippets_courses_actor:list")), PAYLOADS[2])


@needs_poppler
def export_path(document: str, export_format: str, world, language: str) -> str:
    if document == "workbook":
        return path_to("lms:practice:workbook_export", language=language, export_format=export_format)
    return path_to(
        "lms:practice:worksheet_export",
        language=language,
        worksheet_id=world["sheet"].pk,
        export_format=export_format,
    )


@pytest.mark.parametrize("document", ["workbook", "worksheet"])
def test_pdfs_show_the_text_and_carry_no_action(client, world, tmp_path, document):
    client.force_login(world["me"])
    response = client.get(export_path(document, "pdf", world, "fr"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert_pdf_is_inert(pdf_report(response.content, tmp_path), *[p for p in SHOWN if p in MARKUP_LTR])


@pytest.mark.parametrize("document", ["workbook", "worksheet"])
def test_word_documents_keep_the_text_as_typed_and_nothing_live(client, world, document):
    from docx import Document

    client.force_login(world["me"])
    response = client.get(export_path(document, "docx", world, "ar"))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    for shown in SHOWN[1:]:
        assert shown in text
    xml = document.element.xml
    assert "w:hyperlink" not in xml and "w:fldSimple" not in xml and "w:instrText" not in xml
    assert Actor.objects.get(pk=world["proposal"].pk).name in text  # the proposer sees their proposal's name

"""The missing-translations report covers the knowledge room's snippets and the handover notes."""

import pytest
from bs4 import BeautifulSoup

from courses.models import FundingSource, GlossaryTerm
from lms.models import FacilitatorNote
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db

REPORT = "/admin/translation-gaps/"


def test_the_report_lists_funding_sources_glossary_terms_and_facilitator_notes(client, site_tree, trainer):
    FundingSource.objects.create(
        name_fr="Source sans arabe", country_or_agency_fr="France", funds_fr="Aides", ote_role="partner"
    )
    GlossaryTerm.objects.create(term_fr="plaidoyer", term_ar="المناصرة", definition_fr="Défendre une cause.")
    complete = GlossaryTerm.objects.create(term_fr="indicateur", term_ar="مؤشر")
    note = FacilitatorNote.objects.create(
        lesson=lessons_of(make_course(modules=1, lessons=1))[0], answers_fr="Corrigé"
    )
    client.force_login(trainer)
    html = BeautifulSoup(client.get(REPORT).content, "html.parser")
    rows = [" ".join(row.get_text(" ").split()) for row in html.select("table.listing tbody tr")]
    assert any(row.startswith("Source sans arabe") for row in rows)
    assert any(row.startswith("plaidoyer") for row in rows)
    assert not any(row.startswith("indicateur") for row in rows), complete  # empty in both: not a gap
    assert any(row.startswith(str(note)) for row in rows)
    links = {a["href"] for a in html.select("table.listing a")}
    assert any("/snippets/courses/fundingsource/edit/" in link for link in links)
    assert any("/snippets/lms/facilitatornote/edit/" in link for link in links)

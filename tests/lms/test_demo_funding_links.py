"""After `load_demo`, the lessons on EU and member-state funding link to the funding-source register:
a trainee reads each verified entry (name, what it funds, its check date), never an unverified one."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command

from courses.knowledge.facts import FactStatus
from courses.models import FundingSource, LessonPage
from tests.paths import page_path

pytestmark = pytest.mark.django_db

OFII = "OFII : aide à la réinsertion"


@pytest.fixture
def demo(db):
    call_command("load_demo", "--allow-production", verbosity=0)


def linked_entries(client, lesson, language: str) -> list:
    response = client.get(page_path(lesson, language))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select(".funding-source-link")


@pytest.mark.parametrize(
    ("language", "name", "funds", "verified"),
    [
        ("fr", OFII, "Aide à la réinsertion en trois formes", "vérifié le 03/12/2026"),
        ("ar", "OFII: مساعدة إعادة الإدماج", "مساعدة إعادة الإدماج في ثلاثة أشكال", "تمّ التحقّق منه في"),
    ],
)
def test_a_trainee_reads_the_register_entries_a_funding_lesson_links_to(
    client, demo, language, name, funds, verified
):
    client.force_login(get_user_model().objects.get(username="amira.benali"))
    lesson = LessonPage.objects.get(slug_fr="dispositifs-des-pays-partenaires")
    entries = linked_entries(client, lesson, language)
    assert len(entries) == 4  # OFII, GIZ, SEM, DT&V
    first = " ".join(entries[0].get_text(" ").split())
    assert name in first and funds in first and verified in first


def test_an_entry_not_verified_never_reaches_a_trainee(client, demo):
    client.force_login(get_user_model().objects.get(username="amira.benali"))
    instruments = LessonPage.objects.get(slug_fr="instruments-de-l-ue")
    # The lesson links to the AMIF entry (verified) and the ICMPD's MPF (partly verified).
    for language in ("fr", "ar"):
        names = [entry.a.get_text() for entry in linked_entries(client, instruments, language)]
        assert len(names) == 1 and "AMIF" in names[0] and "MPF" not in names[0]
    partners = LessonPage.objects.get(slug_fr="dispositifs-des-pays-partenaires")
    entry = FundingSource.objects.get(name_fr=OFII)
    entry.verification_status = FactStatus.UNVERIFIED  # as a trainer's edit saves it
    entry.save()  # the lessons' cached bodies are not cleared: the entry must leave them at once
    for language in ("fr", "ar"):
        html = " ".join(entry.get_text(" ") for entry in linked_entries(client, partners, language))
        assert "OFII" not in html and "GIZ" in html

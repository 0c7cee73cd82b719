"""The funding-source register: the source rule, the re-check list, proposals and approval, the log."""

import datetime
from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import translation

from courses.knowledge.funding import (
    approve,
    due_for_recheck,
    pending_proposals,
    record_status_change,
    visible_to_trainees,
)
from courses.knowledge.models import FundingSource, PipelineStatus
from tests.conftest import translated
from tests.factories.knowledge import make_source
from tests.paths import path_to

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 3)
LIST_URL = path_to("knowledge:funding_list")


def test_verified_requires_a_source_address():
    source = FundingSource(
        name_fr="X", country_or_agency_fr="Y", funds_fr="Z", ote_role="lead", verification_status="verified"
    )
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "source_url" in error.value.message_dict


def test_an_unverified_entry_may_lack_its_source():
    FundingSource(
        name_fr="X", country_or_agency_fr="Y", funds_fr="Z", ote_role="lead", verification_status="unverified"
    ).full_clean()


def test_the_recheck_list_returns_exactly_the_overdue_entries():
    overdue = make_source("A", recheck_by=datetime.date(2026, 12, 2))
    make_source("B", recheck_by=TODAY)  # due today: still on time
    make_source("C", recheck_by=datetime.date(2027, 1, 1))
    make_source("D")  # no date
    also_overdue = make_source("E", status="unverified", recheck_by=datetime.date(2025, 1, 1))
    assert list(due_for_recheck(today=TODAY)) == [also_overdue, overdue]


def test_a_proposal_is_invisible_to_others_until_a_trainer_approves_it(client, trainee, make_user, trainer):
    other = make_user(username="trainee_b")
    client.force_login(trainee)
    response = client.post(
        LIST_URL,
        {
            "name": "Programme GIZ",
            "country_or_agency": "Allemagne",
            "funds": "Emploi des migrants de retour",
            "ote_role": "partner",
            "source_url": "https://www.giz.de/en/worldwide/62318.html",
        },
    )
    assert response.status_code == 302
    proposal = FundingSource.objects.get()
    assert (proposal.live, proposal.proposed_by, proposal.verification_status) == (
        False,
        trainee,
        "unverified",
    )
    assert proposal.name_fr == "Programme GIZ"
    assert proposal.revisions.count() == 1
    assert "Programme GIZ" in client.get(LIST_URL).content.decode()  # the proposer sees it pending
    assert list(pending_proposals(user=trainee)) == [proposal]

    client.force_login(other)
    assert "Programme GIZ" not in client.get(LIST_URL).content.decode()
    assert not visible_to_trainees().exists()

    with pytest.raises(PermissionError):
        approve(source=proposal, user=other)

    proposal.verification_status = "verified"
    proposal.verified_on = TODAY
    approve(source=proposal, user=trainer)
    assert proposal.live
    assert "Programme GIZ" in client.get(LIST_URL).content.decode()


def test_a_published_entry_that_is_not_verified_stays_out_of_the_public_list(client, trainee):
    make_source("Visible")
    make_source("Partly", status="partly")
    make_source("Draft", live=False)
    client.force_login(trainee)
    html = client.get(LIST_URL).content.decode()
    assert "Visible" in html
    assert "Partly" not in html and "Draft" not in html


def test_the_public_list_reads_in_arabic(client, trainee):
    make_source("OFII")
    client.force_login(trainee)
    with translation.override("ar"):
        html = client.get(path_to("knowledge:funding_list", language="ar")).content.decode()
    assert "OFII (ar)" in html and "فرنسا" in html
    assert translated("Funding sources", "ar") in html


def test_an_incomplete_proposal_is_refused_with_a_clear_message_and_records_nothing(client, trainee):
    client.force_login(trainee)
    response = client.post(LIST_URL, {"name": "Sans source", "country_or_agency": "UE", "funds": "?"})
    assert response.status_code == 400
    assert translated("Please give the address where you read about this funding source.") in (
        response.content.decode()
    )
    assert not FundingSource.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, site_tree):
    response = client.get(LIST_URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_each_status_change_is_one_dated_row_and_the_status_follows_the_latest():
    source = make_source()
    assert source.pipeline_status == PipelineStatus.TO_EXPLORE
    record_status_change(source=source, status="contacted", on=datetime.date(2026, 9, 1))
    record_status_change(
        source=source, status="concept_discussed", on=datetime.date(2026, 10, 15), note="Tunis"
    )
    source.refresh_from_db()
    assert source.pipeline_status == "concept_discussed"
    assert [(c.status, c.changed_on) for c in source.status_changes.all()] == [
        ("contacted", datetime.date(2026, 9, 1)),
        ("concept_discussed", datetime.date(2026, 10, 15)),
    ]


def test_the_admin_list_filters_the_entries_due_for_recheck(client, trainer):
    make_source("Overdue entry", recheck_by=datetime.date(2020, 1, 1))
    make_source("Current entry", recheck_by=datetime.date(2099, 1, 1))
    client.force_login(trainer)
    html = client.get(
        path_to("wagtailsnippets_courses_fundingsource:list", query={"due_for_recheck": "due"})
    ).content.decode()
    assert "Overdue entry" in html and "Current entry" not in html
    chip = " ".join(BeautifulSoup(html, "html.parser").select_one(".w-pill").get_text(" ").split())
    assert chip == f"{translated('Re-check')} : {translated('Overdue')}"  # not "True"


def test_the_trainer_dashboard_lists_the_funding_entries_due_for_recheck(client, trainer, trainee):
    overdue = make_source("Overdue entry", recheck_by=datetime.date(2020, 1, 1))
    make_source("Current entry", recheck_by=datetime.date(2099, 1, 1))
    client.force_login(trainer)
    html = BeautifulSoup(client.get(path_to("wagtailadmin_home")).content, "html.parser")
    section = html.select_one("#facts-to-recheck-section")
    links = {a.get_text(strip=True): a["href"] for a in section.select(".funding-to-recheck a")}
    assert links == {"Overdue entry": path_to("wagtailsnippets_courses_fundingsource:edit", overdue.pk)}
    assert "01/01/2020" in section.get_text()  # its re-check date, day/month/year
    client.force_login(trainee)
    assert "Overdue entry" not in client.get(path_to("wagtailadmin_home"), follow=True).content.decode()


def test_the_trainer_dashboard_says_when_no_entry_is_due(client, trainer):
    make_source("Current entry", recheck_by=datetime.date(2099, 1, 1))
    client.force_login(trainer)
    html = BeautifulSoup(client.get(path_to("wagtailadmin_home")).content, "html.parser")
    section = html.select_one("#facts-to-recheck-section")
    text = " ".join(section.get_text(" ").split())
    assert unescape(translated("Every entry of the funding register is within its re-check date.")) in text
    assert "Current entry" not in text


def test_the_trainer_dashboard_lists_the_proposals_to_check_until_one_is_approved(client, trainee, trainer):
    client.force_login(trainee)
    client.post(
        LIST_URL,
        {
            "name": "Programme GIZ",
            "country_or_agency": "Allemagne",
            "funds": "Emploi",
            "ote_role": "partner",
            "source_url": "https://www.giz.de/",
        },
    )
    proposal = FundingSource.objects.get()
    make_source("Published entry")
    client.force_login(trainer)

    def proposals():
        html = BeautifulSoup(client.get(path_to("wagtailadmin_home")).content, "html.parser")
        return [" ".join(li.get_text(" ").split()) for li in html.select(".funding-proposals li")]

    listed = proposals()
    assert len(listed) == 1 and listed[0].startswith("Programme GIZ")
    assert trainee.get_full_name() in listed[0]
    proposal.verification_status, proposal.verified_on = "verified", TODAY
    approve(source=proposal, user=trainer)
    assert proposals() == []

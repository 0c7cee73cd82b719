"""An assignment handed in as a structured worksheet template (issue 20): the trainee fills the
template's form on the assignment page (drafts may be incomplete, "save and add a row"), the template's
rules run on submitting, the version keeps its values and a snapshot of the template, and the
trainee's history and the trainer's review show them read-only (the grid and the roadmap)."""

from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from assessments import assignments as rules
from assessments.models import AssignmentPage, SubmissionVersion
from assessments.models.assignments import SubmissionMode, SubmissionStatus
from courses.models import Actor
from lms.demo.practice_content import load_actors, load_worksheet_templates
from tests.conftest import translated
from tests.factories.assignments import make_assignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(module):
    load_actors()
    template = next(t for t in load_worksheet_templates() if t.slug == "plan-de-plaidoyer")
    return make_assignment(
        module, criteria=1, submission_mode=SubmissionMode.TEMPLATE, worksheet_template=template
    )


def complete_data(*, goal: str = "Un service public national", action: str = "Note conceptuelle") -> dict:
    ofii = Actor.objects.get(acronym="OFII")
    return {
        "problem": "Un dispositif peu connu",
        "evidence": "500 projets financés depuis 2011",
        "goal": goal,
        "indicators": "Conventions signées",
        "objectives-rows": "1",
        "objectives-0-objective": "Convention de cofinancement",
        "objectives-0-measure": "Une convention signée",
        "objectives-0-due": "2027-06-30",
        "targets-rows": "1",
        "targets-0-actor": str(ofii.pk),
        "targets-0-influence": "5",
        "targets-0-alignment": "4",
        "targets-0-ask": "Cofinancer deux antennes",
        "actions-rows": "1",
        "actions-0-action": action,
        "actions-0-date": "2027-01-15",
        "actions-0-owner": "Chef de projet",
    }


def url_of(page, language: str = "fr") -> str:
    with translation.override(language):
        return page.url


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_template_mode_needs_a_template_with_a_translated_error(language):
    assignment = AssignmentPage(title="Plan", submission_mode=SubmissionMode.TEMPLATE)
    with translation.override(language):
        with pytest.raises(ValidationError) as refused:
            assignment.clean()
        shown = refused.value.message_dict["worksheet_template"]
    expected = translated("Choose the worksheet template the trainee will fill in.", language)
    assert unescape(expected) in shown


def test_an_incomplete_worksheet_saves_as_a_draft_but_is_refused_on_submit(plan, trainee):
    ofii = Actor.objects.get(acronym="OFII")
    values = {
        "goal": "Un service public national",
        "objectives": [{"objective": "Convention"}],
        "targets": [{"actor": ofii.pk, "influence": 5, "alignment": 4}],
        "actions": [{"action": "Note conceptuelle", "date": "2027-01-15"}],
    }
    rules.save_draft(user=trainee, assignment=plan, values=values)
    with pytest.raises(rules.WorksheetIncomplete) as refused:
        rules.submit(user=trainee, assignment=plan)
    messages = " ".join(p.message for p in refused.value.problems)
    assert "Mesure" in messages and "Demande" in messages and "Responsable" in messages
    assert not SubmissionVersion.objects.exists()
    assert plan.submissions.get().status == SubmissionStatus.DRAFT


def test_a_complete_worksheet_is_submitted_and_keeps_its_template_when_edited(client, enrolled, plan):
    url = url_of(plan)
    assert client.post(url + "save/", {**complete_data(), "action": "submit"}).status_code == 302
    version = SubmissionVersion.objects.get()
    assert version.values["objectives"][0]["measure"] == "Une convention signée"
    stored = (version.values, version.template_titles, version.template_structure)

    template = plan.worksheet_template
    template.title = "Autre titre"
    template.sections = []
    template.save()
    version.refresh_from_db()
    assert (version.values, version.template_titles, version.template_structure) == stored
    shown = rules.version_worksheet(version)
    assert str(shown.spec.title) != "Autre titre" and shown.problems == []
    assert shown.grid is not None and shown.timeline is not None


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_trainee_fills_adds_a_row_is_told_what_is_missing_and_reads_the_version(
    client, enrolled, plan, language
):
    url = url_of(plan, language)
    page = client.get(url).content.decode()
    assert 'name="objectives-0-measure"' in page and 'name="targets-0-ask"' in page

    draft = {"goal": "Un objectif", "objectives-rows": "1", "objectives-0-objective": "Convention"}
    added = client.post(url + "save/", {**draft, "add_row": "objectives", "action": "save"})
    assert added.status_code == 200 and 'name="objectives-1-objective"' in added.content.decode()
    assert plan.submissions.get().values["goal"] == "Un objectif"

    refused = client.post(url + "save/", {**draft, "action": "submit"})
    html = unescape(refused.content.decode())
    assert refused.status_code == 400
    assert unescape(translated("Still to complete before submitting:", language)) in html
    assert not SubmissionVersion.objects.exists()

    assert client.post(url + "save/", {**complete_data(), "action": "submit"}).status_code == 302
    version = client.get(url + "version/1/").content.decode()
    assert "Une convention signée" in version and "Cofinancer deux antennes" in version
    assert "worksheet-grid" in version or "grid" in version


def test_the_trainer_reviews_the_values_read_only(client, enrolled, plan, trainer):
    client.post(url_of(plan) + "save/", {**complete_data(), "action": "submit"})
    submission = plan.submissions.get()
    client.force_login(trainer)
    review = client.get(reverse("assessments_review_submission", kwargs={"submission_id": submission.pk}))
    html = review.content.decode()
    assert review.status_code == 200
    assert "Une convention signée" in html and "OFII" in html and "Note conceptuelle" in html

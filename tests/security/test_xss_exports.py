"""What people typed leaves the site inert: the CSV exports neutralise formulas, the PDFs carry
no script or script link, the JSON download keeps the text as typed, the e-mail is plain text."""

import json

import pytest
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core import mail
from django.core.exceptions import ValidationError

from tests.paths import path_to
from tests.security.xss_corpus import (
    LIVE_MARKUP,
    MARKUP_LTR,
    PAYLOADS,
    RIGHT_TO_LEFT,
    assert_escaped,
    assert_pdf_is_inert,
    csv_cells,
    full_names,
    html_of,
    needs_poppler,
    payload,
    pdf_report,
    report_urls,
    texts,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.xdist_group("test_xss_exports"),
]  # one worker builds the module's world once


# CSV exports and the minutes' PDF ----------------------------------------------------------------


@needs_poppler
def test_exports_and_pdf_do_not_carry_live_markup(client, world, tmp_path):
    client.force_login(world.task_force)
    base = path_to("lms:review:results", questionnaire_id=world.questionnaire.pk)
    cells = csv_cells(client, base + "responses.csv")
    assert "<script>alert(1)</script>" in cells  # kept as text: a CSV is not HTML
    assert "'" + PAYLOADS[21] in cells and PAYLOADS[21] not in cells  # a formula is neutralised
    pdf = client.get(base + "minutes.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert_pdf_is_inert(pdf_report(pdf.content, tmp_path), *MARKUP_LTR)


@pytest.mark.parametrize("page", ["progress", "quiz-results"])
def test_trainer_exports_keep_names_as_text_and_neutralise_formulas(client, world, page):
    client.force_login(world.trainer)
    if page == "progress":
        url = path_to("courses_progress", cohort_id=world.cohort.pk, query={"export": "csv"})
    else:
        url = path_to("assessments_quiz_results", quiz_id=world.quiz.pk, query={"export": "csv"})
    cells = csv_cells(client, url)
    names = full_names(world.trainees)
    assert [name for name in names if not name.startswith("=") and name not in cells] == []
    assert "'" + full_names(world.trainees)[21] in cells  # the name starting with "=" is neutralised


# The trainee's own data -------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_my_data_page_escapes_everything_and_the_json_keeps_it_as_typed(client, world, language):
    me = world.me
    client.force_login(me)
    assert_escaped(
        html_of(client, path_to("lms:my_data", language=language)),
        me.first_name,
        me.last_name,
        world.cohort.name,
        world.quiz.title_fr if language == "fr" else world.quiz.title_ar,
        getattr(world.workshop, f"title_{language}"),
    )
    response = client.get(path_to("lms:my_data", language=language), {"format": "json"})
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"  # never sniffed as HTML
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert (data["account"]["first_name"], data["account"]["last_name"]) == (me.first_name, me.last_name)
    assert data["cohorts"] == [world.cohort.name]
    answers = [answer["text"] for attempt in data["quiz_attempts"] for answer in attempt["answers"]]
    assert payload(2) in answers and payload(4) in answers
    assert [row["note"] for row in data["attendance"]] == [f"Note {payload(3)}"]
    free_text = [a["text"] for r in data["questionnaire_responses"] for a in r["answers"] if a["text"]]
    assert free_text == [payload(0)]
    questions = [answer["question"] for attempt in data["quiz_attempts"] for answer in attempt["answers"]]
    assert texts("Énoncé", 12)[language] in questions  # the question as text: not escaped twice


# Training reports' PDFs and the certificate ------------------------------------------------------


@needs_poppler
@pytest.mark.parametrize("document", ["plan", "workshop", "certificate"])
def test_report_and_certificate_pdfs_show_the_text_and_carry_no_action(client, world, document, tmp_path):
    if document == "certificate":
        client.force_login(world.me)
        url = path_to("lms:workshop_certificate", workshop_id=world.workshop.pk)
        shown = [world.me.get_full_name(), world.workshop.title_fr, world.workshop.title_ar]
    else:
        client.force_login(world.task_force)
        url = f"/fr/{report_urls(world)[document]}.pdf"
        latin = [name for name in full_names(world.trainees) if not RIGHT_TO_LEFT.search(name)]
        shown = [world.workshop.title_fr, world.workshop.facilitators, *latin, *MARKUP_LTR]
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert_pdf_is_inert(pdf_report(response.content, tmp_path), *shown)


# E-mail -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_password_reset_email_carries_no_typed_markup(client, world, language):
    """The e-mail is plain text only (no HTML part), so a name holding markup is shown as text and
    cannot run; the typed name appears only as the isolated addressee, never in the subject."""
    me = world.me
    response = client.post(path_to("password_reset", language=language), {"email": me.email})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [me.email]
    assert getattr(message, "alternatives", []) == [] and message.content_subtype == "plain"
    name = f"{me.first_name} {me.last_name}".strip() or me.get_username()
    assert f"\u2068{name}\u2069" in message.body
    assert message.body.count(me.first_name) == 1  # only as the addressee
    for typed in (me.first_name, me.last_name, *LIVE_MARKUP):
        assert typed not in message.subject
    assert "\n" not in message.subject
    for markup in PAYLOADS:
        with pytest.raises(ValidationError):
            UnicodeUsernameValidator()(markup)

"""The trainee's side of an assignment, through the client: brief and rubric before starting, draft,
"Soumettre pour retour", feedback only once released, revise, versions read-only, files."""

from html import unescape

import pytest
from django.utils import translation

from assessments import assignments as rules
from assessments.assignments import MarkInput
from assessments.models import Submission, SubmissionVersion
from assessments.models.assignments import Decision, SubmissionMode, SubmissionStatus
from tests.conftest import translated
from tests.factories.assignments import make_assignment, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment(module):
    return make_assignment(module, criteria=3, levels=4, max_revisions=2)


def marks(assignment, level):
    return {c.pk: MarkInput(level=level, comment="Précisez la cible") for c in assignment.criteria.all()}


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_brief_rubric_and_privacy_note_show_before_starting(client, enrolled, assignment, language):
    with translation.override(language):
        url = assignment.url
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    brief, level = {
        "fr": ("Rédigez une note", "Niveau 4 du critère 3"),
        "ar": ("مذكرة مناصرة", "المستوى 4 من المعيار 3"),
    }[language]
    assert brief in html and level in html
    assert translated("Submit for feedback", language) in html
    assert "privacy-reminder" in html


def test_draft_submit_feedback_revise_accept(client, enrolled, trainer, assignment):
    url = assignment.url
    response = client.post(url + "save/", {"text": "Première version", "action": "save"})
    assert response.status_code == 302
    assert Submission.objects.get().text == "Première version"
    client.post(url + "save/", {"text": "Première version complète", "action": "submit"})
    version = SubmissionVersion.objects.get()
    assert version.text == "Première version complète"
    html = client.get(url).content.decode()
    assert (
        unescape(
            translated(
                "Your work has been submitted: your trainer will send you feedback. "
                "You will be able to revise it if it is returned."
            )
        )
        in html
    )
    rules.save_feedback(
        version=version, reviewer=trainer, marks=marks(assignment, 2), overall_comment="Brouillon secret"
    )
    assert "Brouillon secret" not in client.get(url).content.decode()
    assert "Brouillon secret" not in client.get(url + "version/1/").content.decode()
    rules.save_feedback(
        version=version,
        reviewer=trainer,
        marks=marks(assignment, 2),
        overall_comment="À reprendre",
        decision=Decision.RETURN,
        release=True,
    )
    html = client.get(url).content.decode()
    assert "À reprendre" in html and "Précisez la cible" in html
    assert translated("Revise your work") in html
    client.post(url + "save/", {"text": "Deuxième version", "action": "submit"})
    second = SubmissionVersion.objects.get(number=2)
    rules.save_feedback(
        version=second, reviewer=trainer, marks=marks(assignment, 4), decision=Decision.ACCEPT, release=True
    )
    html = client.get(url).content.decode()
    assert translated("Your work has been accepted.") in html
    # The history gives each version's score, part then whole, isolated so that it reads the same
    # way inside Arabic.
    for number in (1, 2):
        feedback = SubmissionVersion.objects.get(number=number).feedback
        assert f'<bdi dir="ltr">{feedback.points} / {feedback.max_points}</bdi>' in html
    assert "Première version complète" in client.get(url + "version/1/").content.decode()


def test_autosave_answers_json_and_keeps_the_draft(client, enrolled, assignment):
    response = client.post(
        assignment.url + "save/", {"text": "Tapé", "action": "submit"}, HTTP_X_AUTOSAVE="1"
    )
    assert response.status_code == 200 and response.json()["saved"]
    assert Submission.objects.get().status == SubmissionStatus.DRAFT  # autosave never hands in


def test_a_refused_submission_says_why_and_changes_nothing(client, enrolled, assignment):
    client.post(assignment.url + "save/", {"text": "  ", "action": "submit"}, follow=True)
    assert not SubmissionVersion.objects.exists()


def test_another_trainees_version_is_not_found(client, enrolled, make_user, assignment):
    other = make_user()
    rules.save_draft(user=other, assignment=assignment, text="Travail de B")
    rules.submit(user=other, assignment=assignment)
    assert client.get(assignment.url + "version/1/").status_code == 404
    assert client.get(assignment.url + "version/1/file/").status_code == 404


def test_files_are_checked_by_content_and_downloaded_as_attachments(client, enrolled, module):
    from django.core.files.uploadedfile import SimpleUploadedFile

    assignment = make_assignment(module, submission_mode=SubmissionMode.FILE)
    svg = SimpleUploadedFile("carte.pdf", b"<svg onload=alert(1)></svg>")
    response = client.post(assignment.url + "save/", {"file": svg, "action": "save"})
    assert response.status_code == 400
    assert not Submission.objects.filter(file__gt="").exists()
    client.post(assignment.url + "save/", {"file": pdf_upload("plan.pdf"), "action": "submit"})
    response = client.get(assignment.url + "version/1/file/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_the_to_do_list_asks_to_hand_in_then_to_revise(enrolled, trainer, assignment):
    from assessments.todo import assignments_to_hand_in as provider
    from courses.access import enrolled_courses
    from courses.progress import courses_progress

    def assignments_to_hand_in(*, user):
        return provider(user=user, progress=courses_progress(user=user, courses=enrolled_courses(user)))

    [item] = assignments_to_hand_in(user=enrolled)
    assert item.kind == "assignment" and item.url == assignment.url
    rules.save_draft(user=enrolled, assignment=assignment, text="Plan")
    version = rules.submit(user=enrolled, assignment=assignment)
    assert assignments_to_hand_in(user=enrolled) == []
    rules.save_feedback(
        version=version, reviewer=trainer, marks=marks(assignment, 1), decision=Decision.RETURN, release=True
    )
    [item] = assignments_to_hand_in(user=enrolled)
    assert "Réviser" in item.title or "Revise" in item.title

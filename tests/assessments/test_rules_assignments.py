"""Assignment rules: drafts, numbered versions that never change, revisions and the due date,
feedback drafted then released, the rubric score, acceptance completing the step once."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from assessments import assignments as rules
from assessments.assignments import MarkInput
from assessments.models import Feedback, SubmissionVersion
from assessments.models.assignments import Decision, SubmissionMode, SubmissionStatus
from courses.models import StepProgress
from home.uploads import check_document
from tests.factories.assignments import docx_upload, make_assignment, odt_upload, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment(module):
    return make_assignment(module, criteria=3, levels=4, max_revisions=1)


def hand_in(user, assignment, text="Ma note de plaidoyer", **kwargs):
    rules.save_draft(user=user, assignment=assignment, text=text)
    return rules.submit(user=user, assignment=assignment, **kwargs)


def all_levels(assignment, level: int) -> dict:
    return {c.pk: MarkInput(level=level, comment=f"Critère {c.pk}") for c in assignment.criteria.all()}


def release(version, trainer, assignment, *, decision, level=4):
    return rules.save_feedback(
        version=version,
        reviewer=trainer,
        marks=all_levels(assignment, level),
        overall_comment="Bon travail",
        decision=decision,
        release=True,
    )


def test_a_draft_saves_and_submitting_makes_version_one(trainee, assignment):
    submission = rules.save_draft(user=trainee, assignment=assignment, text="Brouillon")
    assert submission.status == SubmissionStatus.DRAFT and submission.saved_at
    version = rules.submit(user=trainee, assignment=assignment)
    assert (version.number, version.text) == (1, "Brouillon")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_an_empty_draft_cannot_be_submitted(trainee, assignment):
    rules.save_draft(user=trainee, assignment=assignment, text="   ")
    with pytest.raises(rules.NothingToSubmit):
        rules.submit(user=trainee, assignment=assignment)
    assert not SubmissionVersion.objects.exists()


def test_a_submitted_version_can_never_change(trainee, assignment):
    version = hand_in(trainee, assignment)
    version.text = "Réécrit"
    with pytest.raises(ValidationError):
        version.save()
    with pytest.raises(ValidationError):
        SubmissionVersion.objects.filter(pk=version.pk).update(text="Réécrit")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE assessments_submissionversion SET text = 'x' WHERE id = %s", [version.pk])
    assert SubmissionVersion.objects.get(pk=version.pk).text == "Ma note de plaidoyer"


def test_editing_the_draft_after_a_return_leaves_the_submitted_version_as_it_was(
    trainee, trainer, assignment
):
    version = hand_in(trainee, assignment, text="Version un")
    release(version, trainer, assignment, decision=Decision.RETURN, level=2)
    rules.save_draft(user=trainee, assignment=assignment, text="Version deux")
    second = rules.submit(user=trainee, assignment=assignment)
    assert [v.text for v in SubmissionVersion.objects.order_by("number")] == ["Version un", "Version deux"]
    assert second.number == 2


def test_the_draft_cannot_change_while_it_waits_for_feedback(trainee, assignment):
    hand_in(trainee, assignment)
    with pytest.raises(rules.NotEditable):
        rules.save_draft(user=trainee, assignment=assignment, text="Changé en douce")
    with pytest.raises(rules.NotEditable):
        rules.submit(user=trainee, assignment=assignment)


def test_resubmission_is_refused_beyond_the_revisions_allowed_unless_reopened(trainee, trainer, assignment):
    version = hand_in(trainee, assignment)  # max_revisions=1: one more submission after this one
    release(version, trainer, assignment, decision=Decision.RETURN)
    second = rules.submit(user=trainee, assignment=assignment)
    release(second, trainer, assignment, decision=Decision.RETURN)
    with pytest.raises(rules.NoRevisionsLeft):
        rules.submit(user=trainee, assignment=assignment)
    rules.reopen(submission=second.submission, by=trainer)
    assert rules.submit(user=trainee, assignment=assignment).number == 3
    release(SubmissionVersion.objects.get(number=3), trainer, assignment, decision=Decision.RETURN)
    with pytest.raises(rules.NoRevisionsLeft):  # reopening allowed one submission, not more
        rules.submit(user=trainee, assignment=assignment)


def test_submission_is_refused_after_the_due_date_unless_reopened(trainee, trainer, module):
    assignment = make_assignment(module, due_at=timezone.now() - timedelta(days=1))
    rules.save_draft(user=trainee, assignment=assignment, text="En retard")
    with pytest.raises(rules.PastDueDate):
        rules.submit(user=trainee, assignment=assignment)
    rules.reopen(submission=rules.own_submission(user=trainee, assignment=assignment), by=trainer)
    assert rules.submit(user=trainee, assignment=assignment).number == 1


def test_a_submission_seconds_after_the_due_date_counts_within_the_grace(trainee, module):
    due = timezone.now()
    assignment = make_assignment(module, due_at=due)
    rules.save_draft(user=trainee, assignment=assignment, text="Juste à temps")
    assert rules.submit(user=trainee, assignment=assignment, now=due + timedelta(seconds=10)).number == 1


def test_feedback_drafted_is_not_shown_and_released_feedback_cannot_change(trainee, trainer, assignment):
    version = hand_in(trainee, assignment)
    feedback = rules.save_feedback(
        version=version, reviewer=trainer, marks=all_levels(assignment, 3), overall_comment="En cours"
    )
    version.refresh_from_db()
    assert not feedback.is_released and rules.released_feedback(version) is None
    assert rules.own_submission(user=trainee, assignment=assignment).status == SubmissionStatus.SUBMITTED
    release(version, trainer, assignment, decision=Decision.RETURN)
    version = SubmissionVersion.objects.select_related("feedback").get(pk=version.pk)
    assert rules.released_feedback(version).overall_comment == "Bon travail"
    with pytest.raises(rules.NotAwaitingFeedback):
        release(version, trainer, assignment, decision=Decision.ACCEPT)


def test_release_needs_a_level_per_criterion_and_a_decision(trainee, trainer, assignment):
    version = hand_in(trainee, assignment)
    marks = all_levels(assignment, 2)
    marks.pop(next(iter(marks)))
    with pytest.raises(rules.LevelMissing):
        rules.save_feedback(
            version=version, reviewer=trainer, marks=marks, decision=Decision.ACCEPT, release=True
        )
    with pytest.raises(rules.DecisionMissing):
        rules.save_feedback(version=version, reviewer=trainer, marks=all_levels(assignment, 2), release=True)
    assert not Feedback.objects.filter(released_at__isnull=False).exists()


def test_the_score_is_the_sum_of_the_chosen_levels_points(trainee, trainer, assignment):
    version = hand_in(trainee, assignment)
    criteria = list(assignment.criteria.all())
    marks = {
        criteria[0].pk: MarkInput(level=4),
        criteria[1].pk: MarkInput(level=2),
        criteria[2].pk: MarkInput(level=1),
    }
    feedback = rules.save_feedback(
        version=version, reviewer=trainer, marks=marks, decision=Decision.ACCEPT, release=True
    )
    assert (feedback.points, feedback.max_points) == (3 + 1 + 0, 9)
    assert rules.score(points=[3, 1, None, 0]) == 4


def test_acceptance_completes_the_step_once_with_the_score(trainee, trainer, assignment):
    version = hand_in(trainee, assignment)
    release(version, trainer, assignment, decision=Decision.ACCEPT, level=3)
    progress = StepProgress.objects.get(user=trainee, page=assignment)
    assert progress.completed_at is not None and progress.score == 67  # 6 points of 9
    first = progress.completed_at
    with pytest.raises(rules.NotEditable):
        rules.submit(user=trainee, assignment=assignment)
    with pytest.raises(rules.NotAwaitingFeedback):
        release(version, trainer, assignment, decision=Decision.ACCEPT)
    assert StepProgress.objects.get(user=trainee, page=assignment).completed_at == first


def test_a_return_does_not_complete_the_step(trainee, trainer, assignment):
    release(hand_in(trainee, assignment), trainer, assignment, decision=Decision.RETURN)
    assert not StepProgress.objects.filter(user=trainee, page=assignment, completed_at__isnull=False).exists()


def test_comments_only_assignments_have_no_score(trainee, trainer, module):
    assignment = make_assignment(module, comments_only=True)
    version = hand_in(trainee, assignment)
    feedback = rules.save_feedback(
        version=version,
        reviewer=trainer,
        marks={},
        overall_comment="Merci",
        decision=Decision.ACCEPT,
        release=True,
    )
    assert feedback.points is None
    assert StepProgress.objects.get(user=trainee, page=assignment).score is None


def test_three_level_rubrics_count_their_third_level_as_the_maximum(module):
    assignment = make_assignment(module, criteria=2, levels=3)
    assert rules.max_points(criteria=list(assignment.criteria.all())) == 4


def test_competence_evidence_lists_accepted_work_with_its_score(trainee, trainer, assignment):
    assert rules.competence_evidence(user=trainee) == []
    release(hand_in(trainee, assignment), trainer, assignment, decision=Decision.ACCEPT, level=4)
    [evidence] = rules.competence_evidence(user=trainee)
    assert (evidence.assignment.pk, evidence.score) == (assignment.pk, 100)


def test_a_file_submission_is_copied_into_its_version(trainee, module):
    assignment = make_assignment(module, submission_mode=SubmissionMode.FILE)
    rules.save_draft(user=trainee, assignment=assignment, upload=pdf_upload("note.pdf"))
    version = rules.submit(user=trainee, assignment=assignment)
    assert version.file_name == "note.pdf"
    assert version.file.read().startswith(b"%PDF-")


@pytest.mark.parametrize("upload", [pdf_upload, docx_upload, odt_upload])
def test_pdf_docx_and_odt_are_accepted(upload):
    assert check_document(upload()).extension in {"pdf", "docx", "odt"}


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
        ("evil.html", b"<html><script>alert(1)</script></html>"),
        ("evil.pdf", b"<html><script>alert(1)</script></html>"),  # the name lies
        ("plan.docx", b"%PDF-1.4 a PDF named .docx"),
        ("archive.docx", b"PK\x03\x04not really a zip"),
    ],
)
def test_svg_html_and_files_whose_name_lies_are_refused(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError):
        check_document(SimpleUploadedFile(name, content))


def test_files_over_five_megabytes_are_refused():
    with pytest.raises(ValidationError):
        check_document(pdf_upload(size=5 * 1024 * 1024))

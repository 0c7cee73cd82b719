"""Assignments and privacy: the trainee's work and released feedback are in "my data" (a draft of
feedback is not); erasure removes the work, its versions, files and feedback, and keeps the step's
completion and score."""

import pytest

from assessments import assignments as rules
from assessments.assignments import MarkInput
from assessments.models import Feedback, Submission, SubmissionVersion
from assessments.models.assignments import Decision, SubmissionMode
from courses.models import StepProgress
from lms.privacy.erasure import erase_trainee, erasure_summary
from lms.privacy.my_data import personal_data
from tests.factories.assignments import make_assignment, pdf_upload
from tests.factories.courses import enrol, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def module(site_tree, trainee):
    course = make_course(modules=1, lessons=1)
    enrol(trainee, course)
    return course.get_children().first().specific


def test_my_data_holds_the_work_and_only_released_feedback(trainee, trainer, module):
    assignment = make_assignment(module, criteria=2)
    rules.save_draft(user=trainee, assignment=assignment, text="Mon plan")
    version = rules.submit(user=trainee, assignment=assignment)
    marks = {c.pk: MarkInput(level=3, comment="Bien") for c in assignment.criteria.all()}
    rules.save_feedback(version=version, reviewer=trainer, marks=marks, overall_comment="Pas encore envoyé")
    [entry] = personal_data(user=trainee)["assignments"]
    assert entry["versions"][0]["text"] == "Mon plan" and entry["versions"][0]["feedback"] is None
    rules.save_feedback(
        version=version,
        reviewer=trainer,
        marks=marks,
        overall_comment="Envoyé",
        decision=Decision.ACCEPT,
        release=True,
    )
    [entry] = personal_data(user=trainee)["assignments"]
    feedback = entry["versions"][0]["feedback"]
    assert feedback["overall_comment"] == "Envoyé" and feedback["points"] == 4
    assert [c["comment"] for c in feedback["criteria"]] == ["Bien", "Bien"]


def test_erasure_removes_the_work_and_its_files_and_keeps_the_completion(
    trainee, trainer, module, django_capture_on_commit_callbacks
):
    assignment = make_assignment(module, submission_mode=SubmissionMode.FILE, comments_only=True)
    rules.save_draft(user=trainee, assignment=assignment, upload=pdf_upload())
    version = rules.submit(user=trainee, assignment=assignment)
    stored = version.file.name
    rules.save_feedback(version=version, reviewer=trainer, marks={}, decision=Decision.ACCEPT, release=True)
    assert erasure_summary(user=trainee).removed_submissions == 1
    with django_capture_on_commit_callbacks(execute=True):
        erase_trainee(user=trainee, by=trainer)
    assert not Submission.objects.exists() and not SubmissionVersion.objects.exists()
    assert not Feedback.objects.exists()
    assert not version.file.storage.exists(stored)
    assert StepProgress.objects.get(page=assignment).completed_at is not None

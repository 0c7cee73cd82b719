"""The trainer's side of assignments in the admin: the queue and its count, one submission beside
its rubric (draft, return, accept), reopening, files; query counts constant as the data grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import assignments as rules
from assessments.assignments import MarkInput
from assessments.models import Feedback, Submission
from assessments.models.assignments import Decision, SubmissionMode, SubmissionStatus
from courses.models import StepProgress
from home.roles import Role
from tests.factories.assignments import make_assignment, pdf_upload
from tests.factories.courses import enrol

pytestmark = pytest.mark.django_db

QUEUE = "/admin/to-review/"


@pytest.fixture
def assignment(module):
    return make_assignment(module, criteria=3, levels=4)


def hand_in(user, assignment, text="Plan de mobilisation"):
    rules.save_draft(user=user, assignment=assignment, text=text)
    return rules.submit(user=user, assignment=assignment)


def rubric_post(assignment, level: int, action: str, comment="Ciblez la GIZ") -> dict:
    data = {"overall_comment": "Travail solide", "action": action}
    for criterion in assignment.criteria.all():
        data[f"level_{criterion.pk}"] = str(level)
        data[f"comment_{criterion.pk}"] = comment
    return data


def test_the_queue_lists_submitted_work_and_the_dashboard_counts_it(client, trainer, trainee, assignment):
    hand_in(trainee, assignment)
    client.force_login(trainer)
    html = client.get(QUEUE).content.decode()
    assert "Amira Ben Ali" in html
    dashboard = client.get("/admin/").content.decode()
    panel = dashboard.split('id="review-queue-content"', 1)[1][:600]
    assert "(1)" in panel and QUEUE in panel


def test_the_trainer_drafts_returns_then_accepts(client, trainer, trainee, assignment):
    version = hand_in(trainee, assignment)
    submission = version.submission
    url = reverse("assessments_review_submission", args=[submission.pk])
    client.force_login(trainer)
    page = client.get(url).content.decode()
    assert "Plan de mobilisation" in page and "Niveau 4 du critère 1" in page
    assert client.post(url, rubric_post(assignment, 2, "draft")).status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.released_at is None and feedback.points == 3
    assert "checked" in client.get(url).content.decode()  # the draft comes back in the form
    client.post(url, rubric_post(assignment, 2, Decision.RETURN))
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.RETURNED
    rules.save_draft(user=trainee, assignment=assignment, text="Plan revu")
    rules.submit(user=trainee, assignment=assignment)
    client.post(url, rubric_post(assignment, 4, Decision.ACCEPT))
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.ACCEPTED
    assert StepProgress.objects.get(user=trainee, page=assignment).score == 100


def test_release_without_every_level_changes_nothing_and_says_why(client, trainer, trainee, assignment):
    version = hand_in(trainee, assignment)
    client.force_login(trainer)
    data = rubric_post(assignment, 3, Decision.ACCEPT)
    del data[f"level_{assignment.criteria.first().pk}"]
    response = client.post(reverse("assessments_review_submission", args=[version.submission_id]), data)
    assert response.status_code == 400
    assert not Feedback.objects.exists()
    assert Submission.objects.get().status == SubmissionStatus.SUBMITTED


def test_reopening_allows_one_more_submission_after_the_due_date(client, trainer, trainee, module):
    from datetime import timedelta

    from django.utils import timezone

    assignment = make_assignment(module, max_revisions=0)
    version = hand_in(trainee, assignment)
    rules.save_feedback(
        version=version,
        reviewer=trainer,
        marks={c.pk: MarkInput(level=1) for c in assignment.criteria.all()},
        decision=Decision.RETURN,
        release=True,
    )
    AssignmentPage = type(assignment)
    AssignmentPage.objects.filter(pk=assignment.pk).update(due_at=timezone.now() - timedelta(days=2))
    assignment.refresh_from_db()
    client.force_login(trainer)
    assert (
        client.get(reverse("assessments_reopen_submission", args=[version.submission_id])).status_code == 405
    )
    client.post(reverse("assessments_reopen_submission", args=[version.submission_id]))
    assert rules.submit(user=trainee, assignment=assignment).number == 2


def test_trainers_download_submitted_files(client, trainer, trainee, module):
    assignment = make_assignment(module, submission_mode=SubmissionMode.FILE)
    rules.save_draft(user=trainee, assignment=assignment, upload=pdf_upload())
    version = rules.submit(user=trainee, assignment=assignment)
    client.force_login(trainer)
    response = client.get(reverse("assessments_version_file", args=[version.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queue_submission_page_and_matrix_query_counts_stay_the_same(
    client, trainer, make_user, course, module
):
    assignments = [make_assignment(module, criteria=4, max_revisions=5) for _ in range(2)]
    client.force_login(trainer)
    cohort = None

    def add_trainees(count):
        nonlocal cohort
        for _ in range(count):
            trainee = make_user(Role.TRAINEE)
            cohort = enrol(trainee, course, cohort=cohort)
            for assignment in assignments:
                version = hand_in(trainee, assignment)
                rules.save_feedback(
                    version=version,
                    reviewer=trainer,
                    marks={c.pk: MarkInput(level=2, comment="x") for c in assignment.criteria.all()},
                    decision=Decision.RETURN,
                    release=True,
                )
                hand_in(trainee, assignment, text="v2")
        return Submission.objects.filter(user__cohorts=cohort).order_by("pk").last()

    last = add_trainees(2)
    client.get(f"/admin/progress/{cohort.pk}/")  # the outline and the graded steps are cached
    small = [
        _queries(client, QUEUE),
        _queries(client, reverse("assessments_review_submission", args=[last.pk])),
        _queries(client, f"/admin/progress/{cohort.pk}/"),
    ]
    last = add_trainees(8)
    large = [
        _queries(client, QUEUE),
        _queries(client, reverse("assessments_review_submission", args=[last.pk])),
        _queries(client, f"/admin/progress/{cohort.pk}/"),
    ]
    # The matrix: 12 as before (tests/courses/test_matrix_views.py) and 1 for "To review (n)".
    assert small == large
    assert large[2] <= 13

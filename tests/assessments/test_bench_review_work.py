"""`make bench`'s works awaiting review (bench/activity.py): bulk-created as the rules would leave
them, so that the queue and the review page measured are those a trainer sees."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.assignments import awaiting_feedback, max_points
from assessments.models import Submission
from assessments.models.assignments import Decision, SubmissionStatus
from bench.activity import CourseRun, create_awaiting_work
from home.roles import Role
from tests.factories.assignments import make_assignment

pytestmark = pytest.mark.django_db


def test_works_await_review_with_their_versions_and_a_third_revised(trainer, make_user, module):
    assignment = make_assignment(module, criteria=3, levels=4)
    start = timezone.now() - timedelta(days=60)
    plan = [(CourseRun(make_user(Role.TRAINEE), [], 0, start), assignment) for _ in range(3)]

    assert create_awaiting_work(plan, trainer) == 3

    queue = list(awaiting_feedback())
    assert [row.version_count for row in sorted(queue, key=lambda row: row.pk)] == [2, 1, 1]
    assert all(row.status == SubmissionStatus.SUBMITTED and not row.feedback_drafted for row in queue)
    revised = Submission.objects.get(pk=min(row.pk for row in queue))
    first, second = revised.versions.order_by("number")
    assert first.submitted_at < second.submitted_at and second.text == revised.text
    feedback = first.feedback
    assert feedback.decision == Decision.RETURN and feedback.released_at is not None
    assert feedback.points == sum(mark.points for mark in feedback.marks.all())
    assert feedback.max_points == max_points(criteria=list(assignment.criteria.all()))
    assert not hasattr(second, "feedback")

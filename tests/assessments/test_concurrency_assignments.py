"""Assignments under simultaneous requests, on PostgreSQL (row locks): two tabs handing in the same
draft, two trainers answering the same version, a first draft saved twice at once. Each write locks
the submission's row (`assessments.assignments`): one wins, the others are refused with a reason."""

import pytest

from assessments import assignments as rules
from assessments.models import Feedback, Submission, SubmissionVersion
from assessments.models.assignments import Decision, SubmissionStatus
from courses.models import StepProgress
from home.roles import Role
from tests.assessments.test_concurrency_attempts import run_together
from tests.factories.assignments import make_assignment

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_ten_simultaneous_submissions_of_one_draft_make_one_version(module, trainee):
    assignment = make_assignment(module)
    rules.save_draft(user=trainee, assignment=assignment, text="Note de plaidoyer")
    results = run_together(10, lambda: rules.submit(user=trainee, assignment=assignment).number)
    assert sorted(r for r in results if isinstance(r, int)) == [1]
    assert all(isinstance(r, rules.NotEditable) for r in results if not isinstance(r, int)), results
    assert SubmissionVersion.objects.count() == 1


def test_two_trainers_answering_one_version_at_once_decide_once(module, trainee, make_user):
    assignment = make_assignment(module, criteria=2)
    rules.save_draft(user=trainee, assignment=assignment, text="Note de plaidoyer")
    version = rules.submit(user=trainee, assignment=assignment)
    trainers = [make_user(Role.TRAINER) for _ in range(2)]
    decisions = iter([Decision.ACCEPT, Decision.RETURN] * 3)

    def answer():
        decision = next(decisions)
        rules.save_feedback(
            version=version,
            reviewer=trainers[0] if decision == Decision.ACCEPT else trainers[1],
            marks={c.pk: rules.MarkInput(level=3) for c in assignment.criteria.all()},
            decision=decision,
            release=True,
        )
        return decision

    results = run_together(6, answer)
    decided = [r for r in results if isinstance(r, str)]
    assert len(decided) == 1, results
    assert all(
        isinstance(r, rules.NotAwaitingFeedback | rules.FeedbackReleased) for r in results if r not in decided
    )
    feedback = Feedback.objects.get()
    assert feedback.decision == decided[0] and feedback.marks.count() == 2
    status = Submission.objects.get().status
    completed = StepProgress.objects.filter(user=trainee, page=assignment, completed_at__isnull=False).count()
    if decided[0] == Decision.ACCEPT:
        assert status == SubmissionStatus.ACCEPTED and completed == 1
    else:
        assert status == SubmissionStatus.RETURNED and completed == 0


def test_a_first_draft_saved_from_two_tabs_at_once_keeps_one_submission(module, trainee):
    assignment = make_assignment(module)
    results = run_together(
        6, lambda: rules.save_draft(user=trainee, assignment=assignment, text="Premier brouillon").pk
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert Submission.objects.filter(user=trainee, assignment=assignment).count() == 1

"""A failure injected halfway through a multi-row save leaves the database exactly as it was."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessments import attempts as attempt_rules
from assessments import questionnaires as questionnaire_rules
from assessments.attempts import Answer, start_attempt, submit_attempt
from assessments.models import AttemptQuestion
from assessments.questionnaires import ItemValue, submit_response
from home.roles import Role
from lms import erasure
from lms import plans as plan_rules
from lms.backup import fingerprint
from lms.plans import AttendanceEntry, record_attendance
from tests.factories.assessments import make_question, make_quiz
from tests.factories.courses import enrol, make_course
from tests.factories.plans import make_plan
from tests.factories.questionnaires import make_questionnaire

pytestmark = pytest.mark.django_db


class Injected(Exception):
    pass


def fail_on_call(number: int, real):
    """A stand-in for `real` that raises on its `number`-th call."""
    calls = {"count": 0}

    def stand_in(*args, **kwargs):
        calls["count"] += 1
        if calls["count"] == number:
            raise Injected
        return real(*args, **kwargs)

    return stand_in


def test_quiz_submission_failing_after_scoring_keeps_the_attempt_open(site_tree, trainee, monkeypatch):
    course = make_course(modules=1, lessons=0)
    enrol(trainee, course)
    quiz = make_quiz(course.get_children().first().specific, questions=[make_question(), make_question()])
    attempt = start_attempt(user=trainee, quiz=quiz)
    item = attempt.items.select_related("question").first()
    choice = item.question.choices.first()
    before = fingerprint()
    monkeypatch.setattr(attempt_rules, "_record_progress", fail_on_call(1, attempt_rules._record_progress))
    with pytest.raises(Injected):
        submit_attempt(attempt=attempt, answers={item.position: Answer(choices=frozenset({choice.pk}))})
    assert fingerprint() == before
    assert not AttemptQuestion.objects.filter(points__isnull=False).exists()


def test_questionnaire_submission_failing_after_the_answers_saves_nothing(site_tree, trainee, monkeypatch):
    questionnaire = make_questionnaire(anonymity="anonymous")
    text_item = questionnaire.items.get(kind="text")
    before = fingerprint()
    monkeypatch.setattr(
        questionnaire_rules.Participation.objects,
        "get_or_create",
        fail_on_call(1, questionnaire_rules.Participation.objects.get_or_create),
    )
    with pytest.raises(Injected):
        submit_response(
            user=trainee, questionnaire=questionnaire, values={text_item.pk: ItemValue(text="Avis")}
        )
    assert fingerprint() == before


def test_attendance_failing_on_the_second_trainee_saves_no_line(site_tree, make_user, monkeypatch):
    from courses.models import Cohort

    cohort = Cohort.objects.create(name="C")
    trainees = [make_user(Role.TRAINEE) for _ in range(3)]
    cohort.trainees.add(*trainees)
    workshop = make_plan(cohort=cohort).workshops.get()
    before = fingerprint()
    monkeypatch.setattr(
        plan_rules.Attendance.objects,
        "update_or_create",
        fail_on_call(2, plan_rules.Attendance.objects.update_or_create),
    )
    with pytest.raises(Injected):
        record_attendance(workshop=workshop, entries=[AttendanceEntry(t.pk, "present", "") for t in trainees])
    assert fingerprint() == before


def test_retention_failing_on_the_second_trainee_erases_no_one(site_tree, make_user, monkeypatch):
    long_ago = timezone.now() - timedelta(days=5 * 365)
    for name in ("ancien1", "ancien2"):
        user = make_user(Role.TRAINEE, username=name)
        user.last_login = long_ago
        user.save()
    before = fingerprint()
    monkeypatch.setattr(erasure, "erase_trainee", fail_on_call(2, erasure.erase_trainee))
    with pytest.raises(Injected):
        erasure.apply_retention(dry_run=False)
    assert fingerprint() == before

"""Run the programme again for a new cohort: new dates, both languages, no trainee data copied, the
originals untouched, the copy a draft published only through the OTE approval."""

import datetime

import pytest
from django.utils import timezone, translation

from assessments.models import Attempt, QuestionnairePage, QuizPage, Response
from courses.models import Cohort, StepProgress
from lms.handover.rerun import rerun_plan
from lms.models import Attendance, Certificate, FacilitatorNote, TrainingPlanPage, Workshop
from lms.training.plans import may_publish_plan
from tests.factories.assessments import make_quiz
from tests.factories.courses import enrol, lessons_of, make_course
from tests.factories.plans import make_plan
from tests.factories.questionnaires import make_questionnaire

pytestmark = pytest.mark.django_db

TRAINEE_ROWS = (Attempt, Response, Attendance, Certificate, StepProgress)


@pytest.fixture
def programme(site_tree, trainee, trainer):
    course = make_course(modules=1, lessons=1)
    module = course.get_children().first()
    cohort = enrol(trainee, course)
    cohort.start_date, cohort.end_date = datetime.date(2026, 3, 1), datetime.date(2026, 6, 30)
    cohort.save()
    pre = make_quiz(module, purpose="pre_test")
    post = make_quiz(module, purpose="post_test", paired_pre_test=pre)
    survey = make_questionnaire(cohort=cohort)
    plan = make_plan(cohort=cohort, workshops=2, period_start=datetime.date(2026, 3, 1))
    first, second = plan.workshops.all()
    first.pre_test, first.post_test, first.satisfaction_survey = pre, post, survey
    first.save()
    FacilitatorNote.objects.create(workshop=first, session_plan_fr="Tour de table", session_plan_ar="جولة")
    now = timezone.now()
    Attempt.objects.create(quiz=pre, user=trainee, number=1, started_at=now)
    Response.objects.create(questionnaire=survey, respondent=trainee)
    Attendance.objects.create(workshop=first, trainee=trainee, status="present")
    StepProgress.objects.create(
        user=trainee, page=lessons_of(course)[0], first_opened_at=now, last_opened_at=now
    )
    return plan


def counts():
    return {model.__name__: model.objects.count() for model in TRAINEE_ROWS}


def test_a_rerun_copies_the_plan_and_its_tests_to_new_dates_with_no_trainee_data(programme, trainer):
    plan = programme
    before = counts()
    original_starts = [w.starts_at for w in plan.workshops.all()]
    original_slugs = (plan.slug_fr, plan.slug_ar)

    rerun = rerun_plan(plan=plan, cohort_name="Cohorte 2027", offset_days=365, user=trainer)

    assert counts() == before  # zero trainee rows copied
    new = TrainingPlanPage.objects.get(pk=rerun.plan.pk)
    assert not new.live and new.get_workflow() is not None  # a draft, under the OTE approval
    assert not may_publish_plan(user=trainer, plan=new)  # only an approver's approval publishes it
    assert (new.slug_fr, new.slug_ar) == (
        "-".join([original_slugs[0], "cohorte-2027"]),
        "-".join([original_slugs[1], "cohorte-2027"]),
    )
    assert (new.title_fr, new.title_ar) == (plan.title_fr, plan.title_ar)
    assert new.period_start == datetime.date(2027, 3, 1)
    assert new.cohort == rerun.cohort and not rerun.cohort.trainees.exists()
    assert list(rerun.cohort.courses.all()) == list(plan.cohort.courses.all())

    workshops = list(new.workshops.all())
    assert [w.starts_at for w in workshops] == [s + datetime.timedelta(days=365) for s in original_starts]
    assert [(w.title_fr, w.title_ar) for w in workshops] == [("Atelier 1", "ورشة 1"), ("Atelier 2", "ورشة 2")]
    assert not Attendance.objects.filter(workshop__in=workshops).exists()
    first = workshops[0]
    assert first.pre_test.pk not in (None, plan.workshops.first().pre_test_id)
    assert not first.pre_test.live and not first.pre_test.attempts.exists()
    assert first.post_test.paired_pre_test_id == first.pre_test.pk
    assert first.pre_test.slots.count() == 1  # the quiz's questions come with it
    assert (
        first.satisfaction_survey.cohort == rerun.cohort and not first.satisfaction_survey.responses.exists()
    )
    assert first.satisfaction_survey.items.count() > 0
    assert first.facilitator_note.session_plan_ar == "جولة"

    # The originals are untouched.
    plan.refresh_from_db()
    assert [w.starts_at for w in plan.workshops.all()] == original_starts
    assert (plan.slug_fr, plan.slug_ar) == original_slugs
    assert plan.workshops.first().pre_test.attempts.count() == 1
    assert Workshop.objects.count() == 4
    assert QuizPage.objects.count() == 4 and QuestionnairePage.objects.count() == 2
    assert Cohort.objects.count() == 2


def test_the_copy_answers_at_its_own_address_in_both_languages(programme, trainer):
    rerun = rerun_plan(plan=programme, cohort_name="Cohorte B", offset_days=30, user=trainer)
    for language in ("fr", "ar"):
        with translation.override(language):
            assert rerun.plan.get_url().rstrip("/").endswith("-cohorte-b")

"""Run the programme again for a new cohort: new dates, both languages, no trainee data copied, the
originals untouched, the copy a draft published only through the OTE approval."""

import datetime

import pytest
from django.utils import timezone, translation

from assessments.assignments import save_draft, submit
from assessments.models import (
    AssignmentPage,
    Attempt,
    QuestionnairePage,
    QuizPage,
    Response,
    Submission,
    SubmissionVersion,
)
from courses.models import Cohort, CoursePage, LessonPage, ModulePage, StepProgress, WorksheetTemplate
from lms.handover.rerun import rerun_plan
from lms.models import Attendance, Certificate, FacilitatorNote, TrainingPlanPage, Workshop
from lms.training.plans import may_publish_plan
from tests.factories.assessments import make_quiz
from tests.factories.assignments import make_assignment
from tests.factories.courses import enrol, lessons_of, make_course
from tests.factories.plans import approve, make_plan
from tests.factories.plans import submit as submit_plan
from tests.factories.questionnaires import make_questionnaire

pytestmark = pytest.mark.django_db

TRAINEE_ROWS = (Attempt, Response, Attendance, Certificate, StepProgress, Submission, SubmissionVersion)
YEAR = datetime.timedelta(days=365)
OPENS = datetime.datetime(2026, 3, 2, 8, tzinfo=datetime.UTC)
DUE = datetime.datetime(2026, 4, 15, 17, tzinfo=datetime.UTC)


@pytest.fixture
def programme(site_tree, trainee, trainer):
    course = make_course(modules=1, lessons=1)
    module = course.get_children().first().specific
    cohort = enrol(trainee, course)
    cohort.start_date, cohort.end_date = datetime.date(2026, 3, 1), datetime.date(2026, 6, 30)
    cohort.save()
    pre = make_quiz(module, purpose="pre_test", opens_at=OPENS, closes_at=OPENS + datetime.timedelta(days=7))
    post = make_quiz(module, purpose="post_test", paired_pre_test=pre)
    template = WorksheetTemplate.objects.create(
        title_fr="Plan de plaidoyer", title_ar="خطة المناصرة", slug="plan-de-plaidoyer"
    )
    assignment = make_assignment(module, criteria=3, due_at=DUE, worksheet_template=template)
    survey = make_questionnaire(cohort=cohort)
    starts = [OPENS, OPENS + datetime.timedelta(days=30)]
    plan = make_plan(cohort=cohort, workshops=2, starts=starts, period_start=datetime.date(2026, 3, 1))
    first, second = plan.workshops.all()
    first.pre_test, first.post_test, first.satisfaction_survey = pre, post, survey
    first.modules.set([module])
    first.save()
    lesson = lessons_of(course)[0]
    FacilitatorNote.objects.create(workshop=first, session_plan_fr="Tour de table", session_plan_ar="جولة")
    FacilitatorNote.objects.create(lesson=lesson, answers_fr="Réponse : le FAMI", answers_ar="الجواب")
    now = timezone.now()
    Attempt.objects.create(quiz=pre, user=trainee, number=1, started_at=now)
    Response.objects.create(questionnaire=survey, respondent=trainee)
    Attendance.objects.create(workshop=first, trainee=trainee, status="present")
    StepProgress.objects.create(user=trainee, page=lesson, first_opened_at=now, last_opened_at=now)
    save_draft(user=trainee, assignment=assignment, text="Ma note de plaidoyer", now=OPENS)
    submit(user=trainee, assignment=assignment, now=OPENS)
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

    workshops = list(new.workshops.all())
    assert [w.starts_at for w in workshops] == [s + YEAR for s in original_starts]
    assert [(w.title_fr, w.title_ar) for w in workshops] == [("Atelier 1", "ورشة 1"), ("Atelier 2", "ورشة 2")]
    assert not Attendance.objects.filter(workshop__in=workshops).exists()
    first = workshops[0]
    assert first.pre_test.pk not in (None, plan.workshops.first().pre_test_id)
    assert not first.pre_test.live and not first.pre_test.attempts.exists()
    assert first.post_test.paired_pre_test_id == first.pre_test.pk
    assert first.pre_test.slots.count() == 1  # the quiz's questions come with it
    assert (first.pre_test.opens_at, first.pre_test.closes_at) == (
        OPENS + YEAR,
        OPENS + YEAR + datetime.timedelta(days=7),
    )
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
    assert plan.workshops.first().pre_test.opens_at == OPENS
    assert Workshop.objects.count() == 4
    assert QuizPage.objects.count() == 4 and QuestionnairePage.objects.count() == 2
    assert Cohort.objects.count() == 2


def test_the_new_cohort_follows_copies_of_the_courses_with_their_steps_at_new_dates(programme, trainer):
    plan = programme
    old_course = plan.cohort.courses.get()
    old_module = old_course.get_children().get()
    old_lesson = lessons_of(old_course)[0]

    rerun = rerun_plan(plan=plan, cohort_name="Cohorte 2027", offset_days=365, user=trainer)

    course = rerun.cohort.courses.get().specific
    assert course.pk != old_course.pk and not course.live
    assert (course.title_fr, course.title_ar) == (old_course.title_fr, old_course.title_ar)
    assert (course.slug_fr, course.slug_ar) == (
        f"{old_course.slug_fr}-cohorte-2027",
        f"{old_course.slug_ar}-cohorte-2027",
    )
    assert (
        CoursePage.objects.count() == 2
        and ModulePage.objects.count() == 2
        and LessonPage.objects.count() == 2
    )
    module = course.get_children().get()
    assert not module.live and (module.slug_fr, module.slug_ar) == (old_module.slug_fr, old_module.slug_ar)
    assert list(rerun.plan.workshops.first().modules.all()) == [module.specific]
    first = rerun.plan.workshops.first()
    assert first.pre_test.get_parent().pk == module.pk  # the workshop's tests are the course's copies
    assert first.post_test.get_parent().pk == module.pk

    # The assignment: due a year later, its rubric with it, the same shared template, no work handed in.
    original = AssignmentPage.objects.descendant_of(old_course).get()
    assignment = AssignmentPage.objects.descendant_of(course).get()
    assert assignment.due_at == DUE + YEAR and original.due_at == DUE
    assert [c.title_ar for c in assignment.criteria.all()] == ["المعيار 1", "المعيار 2", "المعيار 3"]
    assert original.criteria.count() == 3  # the original keeps its own
    assert assignment.worksheet_template_id == original.worksheet_template_id
    assert WorksheetTemplate.objects.count() == 1
    assert not assignment.submissions.exists() and original.submissions.count() == 1

    # The lesson's facilitator notes go with the lesson copy; the original keeps its own.
    lesson = lessons_of(course)[0]
    assert FacilitatorNote.objects.get(lesson=lesson).answers_ar == "الجواب"
    assert FacilitatorNote.objects.get(lesson=old_lesson).answers_fr == "Réponse : le FAMI"
    assert rerun.pages[old_lesson.pk] == lesson

    # The old cohort keeps its course, live, at its address.
    old_course.refresh_from_db()
    assert old_course.live and list(plan.cohort.courses.all()) == [old_course]


def test_what_the_trainer_publishes_keeps_the_new_dates(programme, trainer, approver):
    """The drafts' latest revisions (what the editor opens, what publishing makes live) hold the new
    dates and the copied tests: publishing (the trainer a step, the approver the plan) does not bring
    the old calendar back."""
    rerun = rerun_plan(plan=programme, cohort_name="Cohorte 2027", offset_days=365, user=trainer)
    course = rerun.cohort.courses.get()
    assignment = AssignmentPage.objects.descendant_of(course).get()
    assert assignment.get_latest_revision_as_object().due_at == DUE + YEAR
    draft = TrainingPlanPage.objects.get(pk=rerun.plan.pk).get_latest_revision_as_object()
    assert [w.starts_at for w in draft.workshops.all()] == [w.starts_at for w in rerun.plan.workshops.all()]
    assert draft.workshops.first().pre_test_id == rerun.plan.workshops.first().pre_test_id
    assignment.get_latest_revision().publish(user=trainer)
    assignment.refresh_from_db()
    assert assignment.live and assignment.due_at == DUE + YEAR and assignment.criteria.count() == 3

    plan = TrainingPlanPage.objects.get(pk=rerun.plan.pk)
    starts = [w.starts_at for w in plan.workshops.all()]
    tests = [(w.pre_test_id, w.post_test_id) for w in plan.workshops.all()]
    submit_plan(plan, trainer)
    approve(plan, approver)
    plan = TrainingPlanPage.objects.get(pk=plan.pk)
    assert plan.live and plan.cohort == rerun.cohort
    assert [w.starts_at for w in plan.workshops.all()] == starts
    assert [(w.pre_test_id, w.post_test_id) for w in plan.workshops.all()] == tests


def test_the_copy_answers_at_its_own_address_in_both_languages(programme, trainer):
    rerun = rerun_plan(plan=programme, cohort_name="Cohorte B", offset_days=30, user=trainer)
    course = rerun.cohort.courses.get()
    lesson = lessons_of(course)[0]
    for language in ("fr", "ar"):
        with translation.override(language):
            assert rerun.plan.get_url().rstrip("/").endswith("-cohorte-b")
            assert (
                f"-cohorte-b/{getattr(course.get_children().get(), f'slug_{language}')}/" in lesson.get_url()
            )

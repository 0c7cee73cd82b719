"""The demo's training plan run again for a new cohort (issue 23, "Done when"): zero trainee rows
copied, the originals untouched, the copies' slugs and both languages right, and the plan's copy
published only through the OTE approval."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from wagtail.models import Page

from assessments.models import (
    AssignmentPage,
    Attempt,
    Feedback,
    MeetingMinutes,
    Participation,
    QuestionnaireItem,
    QuestionnairePage,
    QuizPage,
    QuizSlot,
    Response,
    RubricCriterion,
    Submission,
    SubmissionVersion,
)
from courses.models import (
    Cohort,
    CourseCompletion,
    CoursePage,
    LessonPage,
    ModulePage,
    SearchText,
    StepProgress,
)
from home.languages import language_codes, localized
from lms.handover.rerun import calendar_fields, rerun_plan
from lms.models import (
    Attendance,
    Certificate,
    CheckIn,
    CoachingSession,
    Commitment,
    FacilitatorNote,
    Outcome,
    ReflectionAnswer,
    TrainingPlanPage,
    Worksheet,
    Workshop,
)
from lms.training.plans import may_publish_plan
from tests.factories.plans import approve, submit

pytestmark = [pytest.mark.django_db, pytest.mark.slow, pytest.mark.xdist_group("test_handover_rerun_demo")]

# What trainees leave behind: not one row of it may come with a copy.
TRAINEE_DATA = (
    StepProgress,
    CourseCompletion,
    Attempt,
    Response,
    Participation,
    Submission,
    SubmissionVersion,
    Feedback,
    Attendance,
    Certificate,
    Commitment,
    CheckIn,
    CoachingSession,
    Outcome,
    ReflectionAnswer,
    Worksheet,
)
# What a re-run may add: the new cohort, the copied pages and their own parts, the trainers' notes,
# and what Wagtail and the site keep about pages (revisions, history, workflow, search text).
CONTENT = {
    Cohort,
    Cohort.courses.through,
    TrainingPlanPage,
    TrainingPlanPage.target_competences.through,
    Workshop,
    Workshop.modules.through,
    FacilitatorNote,
    CoursePage,
    CoursePage.competences.through,
    ModulePage,
    LessonPage,
    QuizPage,
    QuizSlot,
    AssignmentPage,
    AssignmentPage.competences.through,
    RubricCriterion,
    QuestionnairePage,
    QuestionnaireItem,
    SearchText,
}
NEW = "Cohorte OTE 2027"
SUFFIX = "cohorte-ote-2027"


@pytest.fixture
def demo(demo_site, db):
    return TrainingPlanPage.objects.get()


def project_models():
    for config in (apps.get_app_config(label) for label in ("home", "courses", "assessments", "lms")):
        yield from config.get_models(include_auto_created=True)


def row_counts() -> dict:
    return {model: model.objects.count() for model in project_models()}


def snapshot(pages) -> dict:
    """What a user of the original programme sees of its pages: where, whether live, and when."""
    return {
        page.pk: (
            page.live,
            page.url_path,
            *(
                getattr(page, localized(name, code))
                for name in ("slug", "title")
                for code in language_codes()
            ),
            *(getattr(page, name) for name in calendar_fields(type(page))),
            getattr(page, "cohort_id", None),
        )
        for page in pages
    }


def programme_pages(plan):
    courses = list(plan.cohort.courses.all())
    pages = [plan, plan.application_survey]
    for course in courses:
        pages += list(course.get_descendants(inclusive=True).specific())
    for workshop in plan.workshops.all():
        pages += [workshop.pre_test, workshop.post_test, workshop.satisfaction_survey]
    return {page.pk: page.specific for page in pages if page is not None}.values()


def test_the_demo_plan_runs_again_for_a_new_cohort(demo):
    plan = demo
    users = get_user_model().objects
    trainer, approver = users.get(username="formateur"), users.get(username="approbateur")
    originals = programme_pages(plan)
    before_pages = snapshot(originals)
    before_workshops = [(w.pk, w.starts_at, w.pre_test_id, w.post_test_id) for w in plan.workshops.all()]
    before = row_counts()
    assert all(
        before[model] for model in (Attempt, Response, Attendance, Submission, Commitment, StepProgress)
    )

    rerun = rerun_plan(plan=plan, cohort_name=NEW, offset_days=364, user=trainer)

    # Zero trainee rows copied; what grew is content only.
    after = row_counts()
    assert {m.__name__: after[m] - before[m] for m in TRAINEE_DATA if after[m] != before[m]} == {}
    assert {m._meta.label for m in after if after[m] > before[m]} <= {m._meta.label for m in CONTENT}
    assert not rerun.cohort.trainees.exists()
    assert MeetingMinutes.objects.count() == before[MeetingMinutes]

    # The originals untouched: addresses, languages, publication, dates, cohort.
    assert snapshot(Page.objects.filter(pk__in=before_pages).specific()) == before_pages
    assert [
        (w.pk, w.starts_at, w.pre_test_id, w.post_test_id) for w in plan.workshops.all()
    ] == before_workshops
    old_cohort = Cohort.objects.get(pk=plan.cohort_id)
    assert (
        old_cohort.trainees.count() == 10 and old_cohort.courses.count() == rerun.cohort.courses.count() > 0
    )

    # Every copy: a draft, its titles in both languages, a date a year later (364 days: same weekday).
    copies = {pk: Page.objects.get(pk=copy.pk).specific for pk, copy in rerun.pages.items()}
    assert set(copies) >= {page.pk for page in originals} - {plan.pk}
    for pk, copy in copies.items():
        original = Page.objects.get(pk=pk).specific
        assert not copy.live and type(copy) is type(original)
        for code in language_codes():
            assert getattr(copy, localized("title", code)) == getattr(original, localized("title", code))
            assert getattr(copy, localized("title", code))
        for name in calendar_fields(type(original)):
            if getattr(original, name):
                assert getattr(copy, name) == getattr(original, name) + datetime.timedelta(days=364)
        if hasattr(original, "cohort_id"):
            assert copy.cohort_id == rerun.cohort.pk
    # The copies at the top of a tree (course, plan, standalone questionnaires) carry the cohort in
    # their slugs in every language; pages inside a copied course keep theirs, under a new address.
    new_plan = TrainingPlanPage.objects.get(pk=rerun.plan.pk)
    source = {copy.pk: pk for pk, copy in rerun.pages.items()}
    surveys = [w.satisfaction_survey for w in new_plan.workshops.all() if w.satisfaction_survey]
    roots = [new_plan, *rerun.cohort.courses.all(), new_plan.application_survey, *surveys]
    for root in roots:
        original = Page.objects.get(pk=source[root.pk])
        for code in language_codes():
            slug = localized("slug", code)
            assert getattr(root, slug) == f"{getattr(original, slug)}-{SUFFIX}"
            assert getattr(root, localized("url_path", code)).rstrip("/").endswith(f"-{SUFFIX}")
    lesson = next(c for c in copies.values() if isinstance(c, LessonPage))
    assert lesson.url_path_ar.split("/")[-4].endswith(f"-{SUFFIX}")  # the course's part of its address
    assigned = [c for c in copies.values() if isinstance(c, AssignmentPage)]
    assert assigned and all(a.criteria.exists() for a in assigned)

    # The workshops: new dates, the copied modules and tests.
    workshops = list(new_plan.workshops.all())
    assert [w.starts_at for w in workshops] == [
        s + datetime.timedelta(days=364) for _pk, s, *_ in before_workshops
    ]
    copied_ids = {copy.pk for copy in copies.values()}
    assert all({m.pk for m in w.modules.all()} <= copied_ids for w in workshops)
    assert all(w.pre_test_id in copied_ids for w in workshops if w.pre_test_id)

    # Publishable only through the approval: not by the trainer, not by the approver directly.
    assert new_plan.get_workflow() is not None
    assert not may_publish_plan(user=trainer, plan=new_plan)
    assert not may_publish_plan(user=approver, plan=new_plan)
    assert not new_plan.permissions_for_user(trainer).can_publish()
    submit(new_plan, trainer)
    assert not TrainingPlanPage.objects.get(pk=new_plan.pk).live
    approve(new_plan, approver)
    published = TrainingPlanPage.objects.get(pk=new_plan.pk)
    assert published.live and published.cohort_id == rerun.cohort.pk
    assert [w.starts_at for w in published.workshops.all()] == [w.starts_at for w in workshops]

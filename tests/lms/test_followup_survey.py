"""The six-month application survey opens six months after the plan's last workshop, computed
from the plan (a moved workshop moves it) and set in the questionnaire's own window."""

from datetime import datetime

import pytest
from django.utils import timezone

from assessments.models import QuestionnairePage
from lms.followup.survey import application_survey_opens, schedule_application_survey
from lms.models import TrainingPlanPage
from tests.factories.plans import make_plan
from tests.factories.questionnaires import make_questionnaire

pytestmark = pytest.mark.django_db
TUNIS = timezone.get_default_timezone()


def test_the_survey_opens_six_months_after_the_last_workshop_and_follows_it(site_tree):
    starts = [datetime(2026, 1, 10, 9, tzinfo=TUNIS), datetime(2026, 3, 31, 9, tzinfo=TUNIS)]
    survey = make_questionnaire(purpose="other")
    plan = make_plan(starts=starts, application_survey=survey)
    assert application_survey_opens(plan=plan) == datetime(2026, 9, 30, tzinfo=TUNIS)
    assert schedule_application_survey(plan=plan)
    survey = QuestionnairePage.objects.get(pk=survey.pk)
    assert survey.opens_at == datetime(2026, 9, 30, tzinfo=TUNIS)
    assert not survey.is_open(now=datetime(2026, 9, 29, 23, tzinfo=TUNIS))
    assert survey.is_open(now=datetime(2026, 9, 30, 8, tzinfo=TUNIS))
    assert not schedule_application_survey(plan=plan)  # nothing to change
    last = plan.workshops.order_by("-starts_at").first()
    last.starts_at = datetime(2026, 4, 15, 9, tzinfo=TUNIS)
    last.save()
    assert schedule_application_survey(plan=plan)
    assert QuestionnairePage.objects.get(pk=survey.pk).opens_at == datetime(2026, 10, 15, tzinfo=TUNIS)


def test_the_survey_follows_the_plan_as_approved_not_a_draft(client, site_tree, trainer, approver):
    """The trainer moves the plan's last workshop in the page editor and saves a draft: the survey
    keeps its date (the draft may be rejected). Once the OTE approves the plan, the survey's opening
    follows the approved date without anyone touching the questionnaire."""
    from tests.factories.plans import approve, submit
    from tests.lms.admin_forms import form_data
    from tests.paths import path_to

    starts = [datetime(2026, 1, 10, 9, tzinfo=TUNIS), datetime(2026, 3, 31, 9, tzinfo=TUNIS)]
    survey = make_questionnaire(purpose="other")
    plan = make_plan(starts=starts, application_survey=survey)
    submit(plan, trainer)
    approve(plan, approver)
    assert QuestionnairePage.objects.get(pk=survey.pk).opens_at == datetime(2026, 9, 30, tzinfo=TUNIS)

    client.force_login(trainer)
    edit = path_to("wagtailadmin_pages:edit", plan.pk)
    data = form_data(client.get(edit).content.decode())
    moved = [
        key for key, value in data.items() if key.endswith("starts_at") and value.startswith("2026-03-31")
    ]
    assert len(moved) == 1
    data[moved[0]] = "2026-04-15 09:00"
    response = client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert QuestionnairePage.objects.get(pk=survey.pk).opens_at == datetime(2026, 9, 30, tzinfo=TUNIS)

    plan = TrainingPlanPage.objects.get(pk=plan.pk)
    plan.get_workflow().start(plan, user=trainer)  # the trainer's draft goes to the OTE as it is
    approve(plan, approver)
    assert QuestionnairePage.objects.get(pk=survey.pk).opens_at == datetime(2026, 10, 15, tzinfo=TUNIS)

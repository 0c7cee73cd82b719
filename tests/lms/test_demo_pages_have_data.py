"""After `load_demo`, every dashboard, review page and report shows real figures."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from assessments.models import QuestionnairePage, QuizPage
from courses.models import Cohort
from lms.models import TrainingPlanPage
from tests.paths import path_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", "--allow-production", verbosity=0)


def text(response) -> str:
    assert response.status_code == 200, response
    return BeautifulSoup(response.content, "html.parser").get_text(" ")


def test_every_page_of_the_cycle_has_data(client, demo):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    client.force_login(users.get(username="amira.benali"))
    dashboard = text(client.get(path_to("lms:dashboard")))
    assert "%" in dashboard and "Plaidoyer" in dashboard
    client.force_login(users.get(username="formateur"))
    cohort = Cohort.objects.get()
    assert "Amira" in text(client.get(path_to("courses_progress", cohort_id=cohort.pk)))
    graded = QuizPage.objects.filter(purpose="graded").first()
    assert "%" in text(client.get(path_to("assessments_quiz_results", quiz_id=graded.pk)))
    client.force_login(users.get(username="taskforce1"))
    needs = QuestionnairePage.objects.get(purpose="needs")
    results = text(client.get(path_to("lms:review:results", questionnaire_id=needs.pk)))
    assert "8" in results and "Yassine" in results  # 8 responses; a non-respondent listed
    minutes = text(client.get(path_to("lms:review:minutes", questionnaire_id=needs.pk)))
    assert "Leila Trabelsi" in minutes and "8 réponses reçues ; apprenants attendus : 10" in minutes
    # Adopted by the trainer, with the figures of the meeting day and Arabic place and participants.
    assert needs.minutes_versions.get().is_adopted
    arabic = text(client.get(path_to("lms:review:minutes", language="ar", questionnaire_id=needs.pk)))
    assert "ليلى الطرابلسي" in arabic and "تونس" in arabic and "Leila Trabelsi, task force" not in arabic
    post = QuizPage.objects.get(purpose="post_test")
    assert "%" in text(client.get(path_to("lms:review:gain", post_test_id=post.pk)))
    plan = TrainingPlanPage.objects.get()
    report = text(client.get(path_to("lms:review:plan_report", plan_id=plan.pk)))
    assert "80 %" in report  # attendance of the workshop held: 8 of 10
    # Level 3 shows the six-month survey: anonymous, closed, 7 responses; small cells as "<3".
    evaluation = text(client.get(path_to("lms:review:evaluation_report", plan_id=plan.pk)))
    assert "Questionnaire d'application à six mois" in evaluation and "7 réponses" in evaluation
    assert "Pas encore <3" in " ".join(evaluation.split())
    assert_the_follow_up_loop_is_shown(client, plan)
    satisfaction = QuestionnairePage.objects.get(purpose="satisfaction")
    survey = client.get(path_to("lms:review:results", questionnaire_id=satisfaction.pk)).content.decode()
    assert "results-choice" in survey  # anonymous, closed, 8 responses: figures are shown


def assert_the_follow_up_loop_is_shown(client, plan) -> None:
    """Issue 21's demo: commitments from workshop 1 with check-ins in every status and one not given
    yet, a coaching session the trainee reads, the trainer's board, and a filled evaluation report."""
    from django.contrib.auth import get_user_model

    from lms.followup.coaching import coaching_board
    from lms.followup.evaluation import evaluation_report
    from lms.models import CheckIn, CoachingSession, Commitment

    users = get_user_model().objects
    first = plan.workshops.order_by("starts_at").first()
    commitments = Commitment.objects.filter(workshop=first)
    assert commitments.count() == 6
    assert set(CheckIn.objects.values_list("status", flat=True)) == {"done", "in_progress", "blocked"}
    assert commitments.filter(check_ins__isnull=True).exists()  # one still to give
    session = CoachingSession.objects.get()
    client.force_login(session.trainee)
    assert session.next_step in text(client.get(path_to("lms:followup:index")))
    board = {line.trainee.username: line for line in coaching_board()}
    assert board["sonia.mejri"].blocked and board["amira.benali"].done
    report = evaluation_report(plan=plan)
    assert report.behaviour.done == 2 and report.results.counts == {"action": 1, "contact": 1}
    shown = [change for change in report.behaviour.changes if change.current is not None]
    assert [change.competence.key for change in shown] == ["C04"]  # four re-ratings: a mean
    assert all(indicator.target for indicator in report.indicators)  # every target set on the plan
    client.force_login(users.get(username="taskforce1"))
    page = " ".join(text(client.get(path_to("lms:review:evaluation_report", plan_id=plan.pk))).split())
    assert "6 engagements enregistrés par 6 apprenants ; 2 réalisés" in page, page

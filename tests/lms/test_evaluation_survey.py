"""The six-month application survey in the evaluation report (level 3): shown only once the
anonymous engine releases it, each choice question through the small-cell rule; a differential
test: one person's answer moved between two suppressed options changes nothing the report shows."""

from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from assessments.models import QuestionnaireItem, QuestionnairePage
from assessments.models.questionnaires import ItemKind
from assessments.questionnaires import ItemValue, submit_response
from courses.models import Cohort
from home.roles import Role
from lms.followup.evaluation import evaluation_report
from lms.models import TrainingPlanPage
from tests.conftest import translated
from tests.factories.plans import make_plan
from tests.factories.questionnaires import make_questionnaire
from tests.paths import path_to

pytestmark = pytest.mark.django_db

# Per respondent: (application option, barriers ticked).
ANSWERS = [(0, [0]), (0, [0, 1]), (0, [0]), (0, [1]), (1, [0, 1]), (2, [0])]


def build(make_user, answers, barriers_kind=ItemKind.MULTIPLE_CHOICE):
    cohort = Cohort.objects.create(name="Cohorte")
    people = [make_user(Role.TRAINEE, first_name=f"P{i}", last_name="X") for i in range(len(answers))]
    cohort.trainees.set(people)
    survey = make_questionnaire(anonymity="anonymous", competences=[], cohort=cohort, purpose="other")
    survey.items.all().delete()
    application = QuestionnaireItem.objects.create(
        questionnaire=survey,
        sort_order=0,
        kind=ItemKind.SINGLE_CHOICE,
        label_fr="Application",
        label_ar="التطبيق",
        options_fr="Oui, régulièrement\nOui, une fois\nPas encore",
        options_ar="نعم، بصفة منتظمة\nنعم، مرة واحدة\nليس بعد",
    )
    barriers = QuestionnaireItem.objects.create(
        questionnaire=survey,
        sort_order=1,
        kind=barriers_kind,
        label_fr="Obstacles",
        label_ar="العوائق",
        options_fr="Temps\nMoyens\nHiérarchie",
        options_ar="الوقت\nالموارد\nالتسلسل الإداري",
    )
    for person, (chosen, ticked) in zip(people, answers, strict=True):
        values = {application.pk: ItemValue(number=chosen), barriers.pk: ItemValue(selection=ticked)}
        submit_response(user=person, questionnaire=survey, values=values)
    return make_plan(cohort=cohort, application_survey=survey), survey


def close(survey):
    QuestionnairePage.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(minutes=1))


def shown(plan) -> list:
    plan = TrainingPlanPage.objects.get(pk=plan.pk)  # the survey as it is now
    return [
        (q.label, q.several, [(c.label, c.display, c.percent) for c in q.answers.cells], q.answers.total)
        for q in evaluation_report(plan=plan).behaviour.survey_questions
    ]


def test_the_survey_shows_once_released_with_small_cells_protected(site_tree, make_user):
    plan, survey = build(make_user, ANSWERS)
    assert shown(plan) == []  # anonymous and still open: nothing
    close(survey)
    application, barriers = shown(plan)
    # 4 regularly, 1 once, 1 not yet: the two small cells say "<3", no percentage.
    assert application == (
        "Application",
        False,
        [("Oui, régulièrement", "4", 67), ("Oui, une fois", "<3", None), ("Pas encore", "<3", None)],
        6,
    )
    # Several answers: each option's share of the 6 respondents; "Hiérarchie" (nobody) is small. The
    # options add up to no total (nothing printed to subtract from), so no other option is hidden.
    assert barriers[1] is True
    assert barriers[2] == [("Temps", "5", 83), ("Moyens", "3", 50), ("Hiérarchie", "<3", None)]
    assert barriers[3] is None


def test_every_kind_where_several_options_are_ticked_shows_shares_of_the_respondents(site_tree, make_user):
    """An availability question is ticked like a multiple choice: its options' shares are of the six
    respondents (5 of 6 for "Temps"), not of the eight ticks."""
    plan, survey = build(make_user, ANSWERS, barriers_kind=ItemKind.AVAILABILITY)
    close(survey)
    _application, barriers = shown(plan)
    assert barriers[1] is True
    assert barriers[2] == [("Temps", "5", 83), ("Moyens", "3", 50), ("Hiérarchie", "<3", None)]
    assert barriers[3] is None  # no total printed, so no other option is hidden (as multiple choice)


def test_moving_one_answer_between_suppressed_options_changes_nothing(site_tree, make_user):
    plan, survey = build(make_user, ANSWERS)
    close(survey)
    moved = [(2 if chosen == 1 else chosen, ticked) for chosen, ticked in ANSWERS]  # "once" → "not yet"
    other_plan, other_survey = build(make_user, moved)
    close(other_survey)
    assert shown(plan) == shown(other_plan)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_report_page_shows_the_protected_survey(client, site_tree, make_user, task_force, language):
    plan, survey = build(make_user, ANSWERS)
    close(survey)
    client.force_login(task_force)
    page = unescape(
        client.get(path_to("lms:review:evaluation_report", plan.pk, language=language)).content.decode()
    )
    assert unescape(translated("Six-month application survey", language)) in page
    assert "<3" in page and ("التطبيق" if language == "ar" else "Application") in page

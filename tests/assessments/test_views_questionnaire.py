from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.models import ItemAnswer, Participation, Response
from home.roles import Role
from tests.conftest import translated
from tests.factories.questionnaires import full_answers, make_questionnaire
from tests.paths import page_path, path_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def questionnaire(site_tree):
    return make_questionnaire()


@pytest.fixture
def trainee_client(client, trainee):
    client.force_login(trainee)
    return client


def test_questionnaire_shows_level_descriptors(trainee_client, questionnaire):
    page = trainee_client.get(questionnaire.url).content.decode()
    assert "Niveau 3" in page and "Compétence 1" in page


def test_draft_then_resume_then_submit(trainee_client, trainee, questionnaire):
    data = full_answers(questionnaire)
    first_key = next(k for k in data if k.endswith("_level"))
    response = trainee_client.post(questionnaire.url, {first_key: "4", "action": "draft"})
    assert response.status_code == 302
    assert Response.objects.get().status == "draft"
    page = trainee_client.get(questionnaire.url).content.decode()
    assert f'name="{first_key}" value="4"' in page and "checked" in page
    response = trainee_client.post(questionnaire.url, {**data, "action": "submit"})
    assert response.status_code == 302 and response["Location"].endswith("thanks/")
    assert Response.objects.get().status == "submitted"
    assert Participation.objects.filter(user=trainee).count() == 1


def test_missing_required_answers_save_nothing_and_say_where(trainee_client, questionnaire):
    data = full_answers(questionnaire)
    missing = next(k for k in data if k.endswith("_importance"))
    del data[missing]
    response = trainee_client.post(questionnaire.url, {**data, "action": "submit"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html and "Compétence 1" in html
    assert not Response.objects.exists() and not ItemAnswer.objects.exists()


def test_out_of_range_values_are_refused(trainee_client, questionnaire):
    data = full_answers(questionnaire)
    key = next(k for k in data if k.endswith("_level"))
    response = trainee_client.post(questionnaire.url, {**data, key: "9", "action": "submit"})
    assert response.status_code == 400
    assert not Response.objects.exists()


def test_ranking_needs_three_different_competences(trainee_client, questionnaire):
    data = full_answers(questionnaire)
    ranks = sorted(k for k in data if "_rank" in k)
    data[ranks[1]] = data[ranks[0]]
    assert trainee_client.post(questionnaire.url, {**data, "action": "submit"}).status_code == 400


def test_named_answers_can_change_until_closing(trainee_client, questionnaire):
    trainee_client.post(questionnaire.url, {**full_answers(questionnaire, level=2), "action": "submit"})
    trainee_client.post(questionnaire.url, {**full_answers(questionnaire, level=5), "action": "submit"})
    assert Response.objects.count() == 1
    assert set(ItemAnswer.objects.filter(item__kind="competence").values_list("number", flat=True)) == {5}
    questionnaire.closes_at = timezone.now() - timedelta(minutes=1)
    questionnaire.save()
    response = trainee_client.post(
        questionnaire.url, {**full_answers(questionnaire, level=1), "action": "submit"}
    )
    assert response.status_code == 302
    assert set(ItemAnswer.objects.filter(item__kind="competence").values_list("number", flat=True)) == {5}


def test_anonymous_submission_is_unlinked_and_final(trainee_client, trainee, site_tree):
    questionnaire = make_questionnaire(anonymity="anonymous")
    trainee_client.post(questionnaire.url, {**full_answers(questionnaire), "action": "submit"})
    response = Response.objects.get()
    assert response.respondent is None and response.submitted_on is not None
    assert Participation.objects.filter(user=trainee).exists()
    again = trainee_client.post(questionnaire.url, {**full_answers(questionnaire), "action": "submit"})
    assert again.status_code == 200
    assert (
        translated("You have already answered this anonymous questionnaire. Thank you!")
        in again.content.decode()
    )
    assert Response.objects.count() == 1


def test_questionnaire_appears_in_the_todo_list_until_submitted(trainee_client, questionnaire):
    assert questionnaire.title in trainee_client.get(path_to("lms:dashboard")).content.decode()
    trainee_client.post(questionnaire.url, {**full_answers(questionnaire), "action": "submit"})
    assert questionnaire.title not in trainee_client.get(path_to("lms:dashboard")).content.decode()


def test_the_todo_list_follows_the_questionnaires_dates_and_publication(trainee_client, questionnaire):
    """Which questionnaires are open is read from the content cache: a closing date that passes,
    a date moved by the trainer and an unpublished questionnaire all show at once."""
    import time_machine

    def listed() -> bool:
        return questionnaire.title in trainee_client.get(path_to("lms:dashboard")).content.decode()

    closing = timezone.now() + timedelta(days=2)
    questionnaire.closes_at = closing
    questionnaire.save_revision().publish()
    assert listed()
    with time_machine.travel(closing + timedelta(minutes=1), tick=False):
        assert not listed()
    questionnaire.refresh_from_db()
    questionnaire.opens_at = timezone.now() + timedelta(days=1)
    questionnaire.save_revision().publish()
    assert not listed()
    questionnaire.opens_at = None
    questionnaire.save_revision().publish()
    assert listed()
    questionnaire.unpublish()
    assert not listed()


@pytest.mark.parametrize("role", [Role.TASK_FORCE, Role.TRAINER])
def test_reviewers_do_not_answer(client, make_user, questionnaire, role):
    client.force_login(make_user(role))
    assert client.get(questionnaire.url).status_code == 403


def test_anonymous_visitor_is_sent_to_log_in(client, questionnaire):
    assert client.get(questionnaire.url).status_code == 302


NAMED_NOTICE = (
    "This questionnaire is named: the trainers and the task force see each of your answers with your "
    "name (levels, choices and comments), and can download them in a spreadsheet."
)
ANONYMOUS_NOTICE = (
    "The trainers and the task force see only the group's results (counts, averages and comments "
    "without names), once the questionnaire has closed with at least %(threshold)s responses."
)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_page_says_before_answering_whether_it_is_named_and_who_sees_the_answers(
    client, site_tree, trainee, lang
):
    from django.utils import translation

    client.force_login(trainee)
    named, anonymous = make_questionnaire(), make_questionnaire(anonymity="anonymous")
    with translation.override(lang):
        anonymous_notice = translation.gettext(ANONYMOUS_NOTICE) % {"threshold": 5}
        assert anonymous_notice != ANONYMOUS_NOTICE % {"threshold": 5}
    named_page = client.get(page_path(named, lang)).content.decode()
    anonymous_page = client.get(page_path(anonymous, lang)).content.decode()
    assert translated(NAMED_NOTICE, lang) in named_page and anonymous_notice not in named_page
    assert anonymous_notice in anonymous_page and translated(NAMED_NOTICE, lang) not in anonymous_page


OUTSIDE_COHORT = (
    "This questionnaire is meant for the trainees of another cohort: you cannot answer it. "
    "If you think this is a mistake, ask your trainer."
)


@pytest.fixture
def cohort_questionnaire(site_tree, make_user):
    from courses.models import Cohort

    cohort = Cohort.objects.create(name="Cohorte de Tunis")
    cohort.trainees.add(make_user(Role.TRAINEE))
    return make_questionnaire(cohort=cohort)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_trainee_outside_the_cohort_is_told_and_cannot_answer(
    trainee_client, trainee, cohort_questionnaire, language
):
    from django.utils import translation

    with translation.override(language):
        url = cohort_questionnaire.url
    page = trainee_client.get(url)
    assert page.status_code == 403
    assert translated(OUTSIDE_COHORT, language) in page.content.decode()
    for action in ("draft", "submit"):
        response = trainee_client.post(url, {**full_answers(cohort_questionnaire), "action": action})
        assert response.status_code == 403
    assert not Response.objects.exists() and not Participation.objects.exists()
    assert cohort_questionnaire.title not in trainee_client.get(path_to("lms:dashboard")).content.decode()


def test_the_domain_refuses_a_trainee_outside_the_cohort(trainee, cohort_questionnaire):
    from assessments.questionnaires import OutsideCohort, submit_response

    with pytest.raises(OutsideCohort):
        submit_response(user=trainee, questionnaire=cohort_questionnaire, values={})
    assert not Response.objects.exists()


def test_a_trainee_of_the_cohort_answers(trainee_client, trainee, cohort_questionnaire):
    cohort_questionnaire.cohort.trainees.add(trainee)
    assert cohort_questionnaire.title in trainee_client.get(path_to("lms:dashboard")).content.decode()
    response = trainee_client.post(
        cohort_questionnaire.url, {**full_answers(cohort_questionnaire), "action": "submit"}
    )
    assert response.status_code == 302 and response["Location"].endswith("thanks/")
    assert Participation.objects.filter(user=trainee).count() == 1


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_error_summary_lists_each_error_once_naming_its_question_and_field(
    trainee_client, questionnaire, language
):
    """Two competences left unanswered: four lines, each naming the competence and the field
    (level or importance), each leading to the first choice of that field; French puts a space
    before the colon."""
    from bs4 import BeautifulSoup
    from django.utils import translation

    items = list(questionnaire.items.filter(kind="competence").order_by("sort_order")[:2])
    data = full_answers(questionnaire)
    for item in items:
        del data[f"i{item.pk}_level"], data[f"i{item.pk}_importance"]
    with translation.override(language):
        url = questionnaire.get_url()
        names = [item.competence.name for item in items]
        fields = [
            translated("My current level", language),
            translated("Importance for my job (1 = low, 5 = essential)", language),
        ]
        required = translation.gettext("This field is required.")
        colon = translation.pgettext("between a field's name and its error", ":")
    response = trainee_client.post(url, {**data, "action": "submit"})
    assert response.status_code == 400
    page = BeautifulSoup(response.content.decode(), "html.parser")
    lines = [
        " ".join(li.get_text().replace("\u00a0", "~").split()) for li in page.select("#error-summary li")
    ]
    colon = colon.replace("\u00a0", "~")
    assert colon == {"fr": "~:", "ar": ":"}[language]
    assert lines == [f"{name} — {field}{colon} {required}" for name in names for field in fields]
    for link in page.select("#error-summary li a"):
        target = page.find(id=link["href"][1:])
        assert target is not None and target.name == "input" and target["type"] == "radio"


def test_the_error_summary_costs_the_same_queries_for_3_or_12_competences(client, site_tree, make_user):
    """One line per missing answer, read from what the page loaded: no query per competence."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.questionnaires import make_competences

    counts = []
    for number in (3, 12):
        questionnaire = make_questionnaire(competences=make_competences(number))
        client.force_login(make_user(Role.TRAINEE))
        client.get(questionnaire.url)  # the privacy notice and caches are settled by a first visit
        with CaptureQueriesContext(connection) as queries:
            response = client.post(questionnaire.url, {"action": "submit"})
        assert response.status_code == 400
        assert response.content.decode().count('href="#id_i') >= 2 * number
        counts.append(len(queries))
    assert counts[0] == counts[1], counts

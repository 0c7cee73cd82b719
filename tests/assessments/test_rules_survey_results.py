from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments.questionnaires import ItemValue, submit_response
from assessments.survey_figures import distribution, priority_score, shares
from assessments.survey_results import questionnaire_results
from home.roles import Role
from tests.factories.questionnaires import make_competences, make_questionnaire

pytestmark = pytest.mark.django_db


def test_distribution_mean_median_and_bars():
    dist = distribution([1, 2, 2, 5])
    assert [bar.count for bar in dist.bars] == [1, 2, 0, 0, 1]
    assert (dist.mean, dist.median) == (Decimal("2.50"), Decimal("2.00"))
    assert [bar.percent for bar in dist.bars] == [25, 50, 0, 0, 25]


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([1, 1, 1], [34, 33, 33]),  # 33.3 each: rounded alone they add up to 99
        ([1, 1, 1, 1, 1, 1, 1], [15, 15, 14, 14, 14, 14, 14]),  # 14.29 each: rounded alone, 98
        ([2, 3, 2], [29, 43, 28]),  # 28.57, 42.86, 28.57: rounded alone 101; a tie goes to the first
        ([1, 2, 0, 0, 1], [25, 50, 0, 0, 25]),
        ([0, 0, 0], [0, 0, 0]),
    ],
)
def test_shares_of_one_answer_each_add_up_to_100(counts, expected):
    result = shares(counts=counts, total=sum(counts))
    assert result == expected
    assert sum(result) in {0, 100}


def test_shares_of_several_choices_each_are_rounded_alone():
    """Three people ticked several options: each share is a share of the three, not of 100 %."""
    assert shares(counts=[3, 2, 1], total=3) == [100, 67, 33]


def test_a_distribution_of_three_answers_shows_shares_adding_up_to_100():
    assert sum(bar.percent for bar in distribution([1, 3, 5]).bars) == 100


def test_empty_distribution_has_no_mean():
    assert distribution([]).mean is None and distribution([]).median is None


@pytest.mark.parametrize(("level", "importance", "score"), [(1, 5, 20), (5, 5, 0), (3, 4, 8), (2, 1, 3)])
def test_priority_score(level, importance, score):
    assert priority_score(level=level, importance=importance) == score


def answer(questionnaire, user, ratings: dict, ranking=(), text=""):
    items = {item.competence_id: item for item in questionnaire.items.filter(kind="competence")}
    values = {items[c.pk].pk: ItemValue(number=level, importance=imp) for c, (level, imp) in ratings.items()}
    ranking_item = questionnaire.items.get(kind="ranking")
    if ranking:
        values[ranking_item.pk] = ItemValue(selection=[c.pk for c in ranking])
    if text:
        values[questionnaire.items.get(kind="text").pk] = ItemValue(text=text)
    submit_response(user=user, questionnaire=questionnaire, values=values)


def test_needs_are_ranked_by_mean_priority(site_tree, make_user):
    c1, c2, c3 = make_competences(3)
    questionnaire = make_questionnaire(competences=[c1, c2, c3])
    a, b = make_user(Role.TRAINEE), make_user(Role.TRAINEE)
    answer(questionnaire, a, {c1: (4, 5), c2: (1, 5), c3: (3, 3)}, ranking=[c2, c1, c3])
    answer(questionnaire, b, {c1: (2, 4), c2: (2, 4), c3: (3, 2)}, ranking=[c2, c3, c1])
    results = questionnaire_results(questionnaire=questionnaire)
    # c2: (5×4 + 4×3)/2 = 16; c1: (5×1 + 4×3)/2 = 8.5; c3: (3×2 + 2×2)/2 = 5
    assert [(n.competence, n.priority) for n in results.needs] == [
        (c2, Decimal("16.00")),
        (c1, Decimal("8.50")),
        (c3, Decimal("5.00")),
    ]
    ranked = results.rankings[0][1]
    assert [(r.competence, r.points, r.mentions, r.first_choices) for r in ranked] == [
        (c2, 6, 2, 2),
        (c1, 3, 2, 0),
        (c3, 3, 2, 0),
    ]
    assert results.responses == 2 and not results.hidden
    assert {name for name, _levels in results.heatmap} == {a.get_full_name() or a.username, b.username}


def test_named_results_list_non_respondents(site_tree, make_user):
    questionnaire = make_questionnaire()
    answered, silent = make_user(Role.TRAINEE), make_user(Role.TRAINEE, username="silent")
    answer(questionnaire, answered, {})
    results = questionnaire_results(questionnaire=questionnaire)
    assert results.non_respondents == [silent]
    assert (results.responses, results.expected, results.response_rate) == (1, 2, 50)


def closed_anonymous(**fields):
    return make_questionnaire(anonymity="anonymous", **fields)


@pytest.mark.parametrize(
    ("responses", "closed", "hidden"), [(4, True, True), (5, True, False), (5, False, True)]
)
def test_anonymous_threshold_and_closing(site_tree, make_user, responses, closed, hidden):
    questionnaire = closed_anonymous()
    c1 = questionnaire.items.filter(kind="competence").first().competence
    for _ in range(responses):
        answer(questionnaire, make_user(Role.TRAINEE), {c1: (2, 4)}, text="Un commentaire")
    if closed:
        questionnaire.closes_at = timezone.now() - timedelta(minutes=1)
        questionnaire.save()
    results = questionnaire_results(questionnaire=questionnaire)
    assert results.hidden == hidden
    assert (results.needs == []) == hidden and (results.texts == []) == hidden
    assert results.non_respondents == [] and results.heatmap == []

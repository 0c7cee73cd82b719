"""Each questionnaire item kind is one handler (`assessments/questionnaire_kinds.py`): its form fields,
the answer kept from them and given back to them, its export cells, its results and its admin checks.
A kind registered from outside plugs into the form, the results, the export and the minutes."""

import json
from decimal import Decimal

import pytest
from django import forms
from django.utils.translation import gettext as _

from assessments.models import QuestionnaireItem
from assessments.models.questionnaires import ItemKind
from assessments.questionnaire_forms import QuestionnaireForm, initial_from
from assessments.questionnaire_kinds import (
    KINDS,
    Figures,
    ItemKindHandler,
    OtherResult,
    definition_errors,
    field_key,
    handler_for,
    register_item_kind,
)
from assessments.questionnaires import ItemValue
from assessments.survey_figures import AnswerRow
from courses.models import Competence
from tests.paths import path_to


def competence(pk: int = 3, sort_order: int = 1) -> Competence:
    return Competence(
        pk=pk,
        key=f"C{pk:02d}",
        sort_order=sort_order,
        name_fr=f"Compétence {pk}",
        **{f"level_{level}_fr": f"Niveau {level}" for level in range(1, 6)},
    )


def item(kind: str, **fields) -> QuestionnaireItem:
    defaults = {"pk": 7, "label_fr": "Question", "options_fr": "Matin\nAprès-midi\nSamedi", "scale_max": 5}
    return QuestionnaireItem(kind=kind, **{**defaults, **fields})


def row(number=None, importance=None, selection=None, text="", response_id=1) -> AnswerRow:
    return AnswerRow(response_id, 7, number, importance, json.dumps(selection) if selection else "", text)


FIGURES = Figures(competences={3: competence(3, 1), 4: competence(4, 2)}, names={1: "Amira Ben Ali"})

# kind, posted form data, the answer kept, its export cells
ROUND_TRIPS = [
    (
        ItemKind.COMPETENCE_RATING,
        {"i7_level": "2", "i7_importance": "5"},
        ItemValue(number=2, importance=5),
        {"i7_level": 2, "i7_importance": 5},
    ),
    (ItemKind.SINGLE_CHOICE, {"i7": "1"}, ItemValue(number=1), {"i7": "Après-midi"}),
    (ItemKind.MULTIPLE_CHOICE, {"i7": ["2", "0"]}, ItemValue(selection=[0, 2]), {"i7": "Matin; Samedi"}),
    (ItemKind.AVAILABILITY, {"i7": ["1"]}, ItemValue(selection=[1]), {"i7": "Après-midi"}),
    (ItemKind.RATING, {"i7": "4"}, ItemValue(number=4), {"i7": 4}),
    (
        ItemKind.FREE_TEXT,
        {"i7": "Plus de pratique"},
        ItemValue(text="Plus de pratique"),
        {"i7": "Plus de pratique"},
    ),
    (
        ItemKind.RANKING,
        {"i7_rank1": "4", "i7_rank2": "3", "i7_rank3": ""},
        ItemValue(selection=[4, 3]),
        {"i7": "1. Compétence 4; 2. Compétence 3"},
    ),
]


def form_for(shown_item, data=None) -> QuestionnaireForm:
    return QuestionnaireForm(
        data, items=[shown_item], competences=list(FIGURES.competences.values()), require=False
    )


def test_every_item_kind_has_a_handler():
    assert set(KINDS) >= set(ItemKind.values)
    assert all(handler_for(kind).kind == kind for kind in ItemKind.values)
    with pytest.raises(ValueError, match="known kinds"):
        handler_for("nonsense")


@pytest.mark.parametrize(("kind", "posted", "kept", "cells"), ROUND_TRIPS)
def test_a_kind_keeps_the_answer_given_and_gives_it_back_to_its_form(kind, posted, kept, cells):
    shown = item(kind, competence=competence())
    form = form_for(shown, posted)
    assert form.is_valid(), form.errors
    assert list(form.fields) == list(posted)
    assert form.values() == {7: kept}
    initial = initial_from({7: kept}, [shown])
    assert {name: value for name, value in initial.items() if value} == {
        name: value for name, value in posted.items() if value
    } | ({"i7": sorted(posted["i7"])} if kind in {ItemKind.MULTIPLE_CHOICE} else {})


@pytest.mark.parametrize(("kind", "posted", "kept", "cells"), ROUND_TRIPS)
def test_a_kind_exports_its_answer_in_its_columns(kind, posted, kept, cells):
    shown = item(kind, competence=competence())
    handler = handler_for(kind)
    answer = row(kept.number, kept.importance, kept.selection, kept.text)
    assert [key for key, _heading in handler.columns(item=shown)] == list(cells)
    assert handler.cells(item=shown, answer=answer, competences=FIGURES.competences) == cells
    assert handler.cells(item=shown, answer=None, competences=FIGURES.competences) == dict.fromkeys(cells)


def test_an_empty_answer_is_not_kept():
    for kind, _posted, _kept, _cells in ROUND_TRIPS:
        shown = item(kind, required=False, competence=competence())
        form = QuestionnaireForm({}, items=[shown], competences=[], require=False)
        assert form.is_valid(), form.errors
        assert form.values() == {}, kind


def test_a_single_choice_outside_its_options_exports_nothing():
    handler = handler_for(ItemKind.SINGLE_CHOICE)
    assert handler.cell(item=item(ItemKind.SINGLE_CHOICE), answer=row(9)) is None


def test_a_ranking_refuses_the_same_competence_twice():
    form = form_for(item(ItemKind.RANKING), {"i7_rank1": "3", "i7_rank2": "3", "i7_rank3": "4"})
    assert not form.is_valid()
    assert form.errors["i7_rank1"] == [_("Choose three different competences.")]


def test_a_competence_rating_is_headed_by_its_competence_and_lays_importance_out_on_one_line():
    shown = item(ItemKind.COMPETENCE_RATING, competence=competence())
    handler = handler_for(ItemKind.COMPETENCE_RATING)
    assert handler.question(item=shown) == "Compétence 3"
    assert handler.inline_fields(item=shown) == {"i7_importance"}
    assert handler_for(ItemKind.RATING).inline_fields(item=shown) == {"i7"}
    assert handler_for(ItemKind.SINGLE_CHOICE).inline_fields(item=shown) == set()


def test_choice_kinds_count_each_option():
    single = handler_for(ItemKind.SINGLE_CHOICE).aggregate(
        item=item(ItemKind.SINGLE_CHOICE), rows=[row(0), row(0), row(2)], figures=FIGURES
    )
    assert ([bar.count for bar in single.bars], single.answered) == ([2, 0, 1], 3)
    assert [bar.percent for bar in single.bars] == [67, 0, 33]
    several = handler_for(ItemKind.AVAILABILITY).aggregate(
        item=item(ItemKind.AVAILABILITY), rows=[row(selection=[0, 2]), row(selection=[2])], figures=FIGURES
    )
    assert [bar.count for bar in several.bars] == [1, 0, 2]
    assert [bar.percent for bar in several.bars] == [50, 0, 100]


def test_a_rating_has_a_distribution_and_a_mean():
    result = handler_for(ItemKind.RATING).aggregate(
        item=item(ItemKind.RATING, scale_max=4), rows=[row(4), row(3), row(None)], figures=FIGURES
    )
    assert [bar.count for bar in result.bars] == [0, 0, 1, 1]
    assert (result.answered, result.mean) == (2, Decimal("3.50"))


def test_a_competence_rating_gives_the_need_and_its_priority():
    need = handler_for(ItemKind.COMPETENCE_RATING).aggregate(
        item=item(ItemKind.COMPETENCE_RATING, competence=competence()),
        rows=[row(2, 5), row(4, 3), row(None, 4)],
        figures=FIGURES,
    )
    assert need.priority == Decimal("9.00")  # (5 × 3 + 3 × 1) / 2
    assert (need.level.count, need.importance.count) == (2, 3)


def test_a_ranking_scores_3_2_1_points():
    item_, ranked = handler_for(ItemKind.RANKING).aggregate(
        item=item(ItemKind.RANKING),
        rows=[row(selection=[4, 3]), row(selection=[3]), row(selection=[99])],
        figures=FIGURES,
    )
    assert [(r.competence.pk, r.points, r.mentions, r.first_choices) for r in ranked] == [
        (3, 5, 2, 1),
        (4, 3, 1, 1),
    ]


def test_free_texts_are_sorted_by_content_with_the_names_of_named_respondents():
    result = handler_for(ItemKind.FREE_TEXT).aggregate(
        item=item(ItemKind.FREE_TEXT),
        rows=[row(text="zèle", response_id=1), row(text="  "), row(text="Atelier", response_id=2)],
        figures=FIGURES,
    )
    assert result.answers == [("", "Atelier"), ("Amira Ben Ali", "zèle")]


@pytest.mark.parametrize(
    ("kind", "data", "expected"),
    [
        (ItemKind.COMPETENCE_RATING, {}, [("competence", "Choose the competence to rate.")]),
        (ItemKind.FREE_TEXT, {"label_fr": ""}, [(None, "Write the question.")]),
        (None, {}, [(None, "Write the question.")]),
        (
            ItemKind.MULTIPLE_CHOICE,
            {"label_fr": "Q", "options_fr": "Un"},
            [(None, "Give at least two options, one per line.")],
        ),
        (
            ItemKind.AVAILABILITY,
            {"label_fr": "Q", "options_fr": "Un\nDeux", "options_ar": "واحد"},
            [(None, "Every language must have the same number of option lines.")],
        ),
        (
            ItemKind.RATING,
            {"label_fr": "Q", "scale_max": 1},
            [("scale_max", "A rating scale goes from 1 to a maximum between 2 and 10.")],
        ),
        (
            ItemKind.SINGLE_CHOICE,
            {"label_fr": "Q", "options_fr": "Un\nDeux", "options_ar": "واحد\nاثنان"},
            [],
        ),
        (ItemKind.RANKING, {"label_fr": "Q"}, []),
    ],
)
def test_each_kind_checks_its_definition(kind, data, expected):
    assert [(name, str(message)) for name, message in definition_errors(kind=kind, data=data)] == [
        (name, _(message)) for name, message in expected
    ]


# A kind added from outside -----------------------------------------------------------------------


class YesNo(ItemKindHandler):
    """A test kind: yes or no, counted."""

    kind = "yesno"

    def field(self, *, item, required):
        return forms.ChoiceField(choices=[("1", "yes"), ("0", "no")], required=required)

    def value(self, *, item, cleaned):
        given = cleaned.get(field_key(item))
        return ItemValue(number=int(given)) if given else None

    def initial(self, *, item, value):
        return {field_key(item): str(value.number)}

    def cell(self, *, item, answer):
        return "yes" if answer.number else "no"

    def aggregate(self, *, item, rows, figures):
        yes = sum(1 for answer in rows if answer.number)
        return OtherResult(item, self.results_template, [("yes", str(yes)), ("no", str(len(rows) - yes))])


@pytest.fixture
def yes_no():
    saved = dict(KINDS)
    register_item_kind(YesNo())
    yield
    KINDS.clear()
    KINDS.update(saved)


@pytest.mark.django_db
def test_a_kind_registered_from_outside_plugs_into_form_results_export_and_minutes(
    yes_no, client, site_tree, make_user, trainer
):
    from assessments.minutes import freeze_results, thaw_results
    from assessments.questionnaires import submit_response
    from assessments.survey_export import export_table
    from assessments.survey_results import questionnaire_results
    from home.roles import Role
    from tests.factories.questionnaires import make_questionnaire

    questionnaire = make_questionnaire(competences=[])
    asked = QuestionnaireItem.objects.create(
        questionnaire=questionnaire, sort_order=99, kind="yesno", label_fr="D'accord ?", label_ar="موافقون؟"
    )
    others = list(questionnaire.items.exclude(pk=asked.pk))
    for answer in ["1", "1", "0"]:
        form = QuestionnaireForm({field_key(asked): answer}, items=[asked], competences=[], require=True)
        assert form.is_valid(), form.errors
        submit_response(user=make_user(Role.TRAINEE), questionnaire=questionnaire, values=form.values())

    results = questionnaire_results(questionnaire=questionnaire)
    assert [(other.item.pk, other.lines) for other in results.others] == [
        (asked.pk, [("yes", "2"), ("no", "1")])
    ]
    thawed = thaw_results(json.loads(json.dumps(freeze_results(results))))
    assert [(other.item.label, other.lines) for other in thawed.others] == [
        ("D'accord ?", results.others[0].lines)
    ]

    headings, rows = export_table(questionnaire=questionnaire)
    assert headings[field_key(asked)] == "D'accord ?"
    assert sorted(row[field_key(asked)] for row in rows) == ["no", "yes", "yes"]
    assert all(
        row[field_key(other)] is None for row in rows for other in others if other.kind != "competence"
    )

    client.force_login(trainer)
    page = client.get(path_to("lms:review:results", questionnaire_id=questionnaire.pk)).content.decode()
    assert "D&#x27;accord ?" in page and "results-other" in page

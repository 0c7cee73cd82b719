"""Each question kind has one handler, and what differs between kinds is read from it."""

from decimal import Decimal

import pytest

from assessments.question_kinds import KINDS, Answer, handler_for
from assessments.scoring import QuestionKind


def test_every_kind_an_author_can_choose_has_a_handler():
    assert set(KINDS) == set(QuestionKind.values)


def test_an_unknown_kind_names_the_known_ones():
    with pytest.raises(ValueError, match="single, multiple, true_false, short"):
        handler_for("essay")


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        (QuestionKind.SINGLE, "b", Answer(choices=frozenset({12}))),
        (QuestionKind.TRUE_FALSE, "", Answer()),
        (QuestionKind.MULTIPLE, ["a", "b"], Answer(choices=frozenset({11, 12}))),
        (QuestionKind.SHORT, "Réintégration", Answer(text="Réintégration")),
    ],
)
def test_the_answer_read_from_the_form_is_the_choices_or_the_text(kind, value, expected):
    assert handler_for(kind).answer(value=value, choice_of_letter={"a": 11, "b": 12}) == expected


def test_a_saved_answer_comes_back_as_the_field_expects_it():
    assert handler_for(QuestionKind.SINGLE).initial(text="", letters=["b"]) == "b"
    assert handler_for(QuestionKind.SINGLE).initial(text="", letters=[]) is None
    assert handler_for(QuestionKind.MULTIPLE).initial(text="", letters=["a", "c"]) == ["a", "c"]
    assert handler_for(QuestionKind.SHORT).initial(text="OTE", letters=[]) == "OTE"


def test_points_follow_the_kind():
    ticked = {"selected": {1, 2}, "correct": {1}, "shown": {1, 2, 3, 4}, "text": "", "accepted": []}
    assert handler_for(QuestionKind.SINGLE).points(**ticked) == Decimal(0)
    # one correct of one (+1), one wrong of three (−1/3)
    assert handler_for(QuestionKind.MULTIPLE).points(**ticked).quantize(Decimal("0.01")) == Decimal("0.67")
    typed = {
        "selected": set(),
        "correct": set(),
        "shown": set(),
        "text": "reinsertion",
        "accepted": ["Réinsertion"],
    }
    assert handler_for(QuestionKind.SHORT).points(**typed) == Decimal(1)


def test_only_true_or_false_keeps_its_choices_in_place():
    assert [kind for kind, handler in KINDS.items() if not handler.shuffles_choices] == [
        QuestionKind.TRUE_FALSE
    ]

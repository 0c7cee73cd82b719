"""What each kind of quiz question does, in one class per kind.

A kind's handler holds everything that differs between kinds: the form field the trainee answers
with, the answer read from that field, the saved answer shown back, the points earned, whether its
choices may be shuffled, how the attempt page shows it, and what its author must give it. Every other
module asks `handler_for(question.kind)`; adding a kind is one class here and one line in `KINDS`.
"""

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .scoring import QuestionKind, choice_points, short_answer_points, single_points


@dataclass(frozen=True)
class Answer:
    """What a trainee gave for one question: chosen choice ids, or typed text."""

    choices: frozenset[int] = field(default_factory=frozenset)
    text: str = ""


class QuestionKindHandler:
    kind: QuestionKind
    answers_with_text = False  # a text box rather than choices
    ticks_several = False  # checkboxes rather than radio buttons
    shuffles_choices = True  # when the quiz shuffles choices
    instruction = ""  # shown above the choices on the attempt page

    def form_field(self, *, options: list[tuple[str, str]]) -> forms.Field:
        return forms.ChoiceField(choices=options, required=False, widget=forms.RadioSelect)

    def answer(self, *, value, choice_of_letter: dict[str, int]) -> Answer:
        picked = value if isinstance(value, list) else ([value] if value else [])
        return Answer(choices=frozenset(choice_of_letter[letter] for letter in picked))

    def initial(self, *, text: str, letters: list[str]):
        return letters[0] if letters else None

    def points(
        self,
        *,
        selected: Collection[int],
        correct: Collection[int],
        shown: Collection[int],
        text: str,
        accepted: Iterable[str],
    ) -> Decimal:
        return single_points(selected=selected, correct=correct)

    def structure_errors(self, *, correct_flags: Sequence[bool], accepted_answers: int) -> list[str]:
        return []


class SingleChoice(QuestionKindHandler):
    kind = QuestionKind.SINGLE

    def structure_errors(self, *, correct_flags, accepted_answers):
        if len(correct_flags) < 2:
            return [_("A single-choice question needs at least two choices.")]
        if sum(correct_flags) != 1:
            return [_("A single-choice question needs exactly one correct choice.")]
        return []


class MultipleChoice(QuestionKindHandler):
    kind = QuestionKind.MULTIPLE
    ticks_several = True
    instruction = gettext_lazy("Tick every correct answer.")

    def form_field(self, *, options):
        return forms.MultipleChoiceField(choices=options, required=False, widget=forms.CheckboxSelectMultiple)

    def initial(self, *, text, letters):
        return letters

    def points(self, *, selected, correct, shown, text, accepted):
        return choice_points(selected=selected, correct=correct, all_choices=shown)

    def structure_errors(self, *, correct_flags, accepted_answers):
        if len(correct_flags) < 2:
            return [_("A multiple-choice question needs at least two choices.")]
        if sum(correct_flags) < 1:
            return [_("A multiple-choice question needs at least one correct choice.")]
        return []


class TrueOrFalse(QuestionKindHandler):
    kind = QuestionKind.TRUE_FALSE
    shuffles_choices = False  # "true" stays before "false"

    def structure_errors(self, *, correct_flags, accepted_answers):
        if len(correct_flags) != 2 or sum(correct_flags) != 1:
            return [_("A true-or-false question needs exactly two choices, one of them correct.")]
        return []


class ShortAnswer(QuestionKindHandler):
    kind = QuestionKind.SHORT
    answers_with_text = True

    def form_field(self, *, options):
        return forms.CharField(label=gettext_lazy("Your answer"), max_length=500, required=False, strip=True)

    def answer(self, *, value, choice_of_letter):
        return Answer(text=value or "")

    def initial(self, *, text, letters):
        return text

    def points(self, *, selected, correct, shown, text, accepted):
        return short_answer_points(given=text, accepted=accepted)

    def structure_errors(self, *, correct_flags, accepted_answers):
        if accepted_answers < 1:
            return [_("A short-answer question needs at least one accepted answer.")]
        return []


KINDS: dict[str, QuestionKindHandler] = {
    handler.kind: handler for handler in (SingleChoice(), MultipleChoice(), TrueOrFalse(), ShortAnswer())
}


def handler_for(kind: str) -> QuestionKindHandler:
    """The handler of `kind`; an unknown kind is a programming error that names the known ones."""
    try:
        return KINDS[kind]
    except KeyError:
        raise ValueError(f"Unknown question kind {kind!r}; known kinds: {', '.join(KINDS)}") from None


def structure_errors(*, kind: str, correct_flags: Sequence[bool], accepted_answers: int) -> list[str]:
    """What is wrong with a question's choices or accepted answers, as messages for the author."""
    return handler_for(kind).structure_errors(correct_flags=correct_flags, accepted_answers=accepted_answers)

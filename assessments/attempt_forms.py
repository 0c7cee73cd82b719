"""The form a trainee answers an attempt with. Choices are posted as letters in the frozen order,
never as database ids, so nothing in the page hints at which choice is correct."""

from dataclasses import dataclass
from string import ascii_lowercase

from django import forms
from django.utils.translation import gettext_lazy as _

from .attempts import Answer
from .models import AttemptQuestion, Choice, Question
from .scoring import QuestionKind


@dataclass(frozen=True)
class ShownChoice:
    letter: str
    choice: Choice


@dataclass(frozen=True)
class ShownQuestion:
    item: AttemptQuestion
    question: Question
    choices: list[ShownChoice]

    @property
    def field_name(self) -> str:
        return f"q{self.item.position}"


def shown_questions(items: list[AttemptQuestion]) -> list[ShownQuestion]:
    """Items with their choices in the attempt's frozen order (needs question__choices prefetched)."""
    shown = []
    for item in items:
        by_id = {choice.pk: choice for choice in item.question.choices.all()}
        ordered = [by_id[pk] for pk in item.choice_order if pk in by_id]
        shown.append(
            ShownQuestion(
                item=item,
                question=item.question,
                choices=[ShownChoice(ascii_lowercase[i], c) for i, c in enumerate(ordered)],
            )
        )
    return shown


@dataclass(frozen=True)
class QuestionRow:
    """One question as the attempt page shows it: with the trainee's current answer and errors."""

    shown: ShownQuestion
    errors: list[str]
    text: str
    selected: frozenset[str]


class AttemptForm(forms.Form):
    def __init__(self, *args, questions: list[ShownQuestion], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for shown in questions:
            self.fields[shown.field_name] = self._field(shown)

    @staticmethod
    def _field(shown: ShownQuestion) -> forms.Field:
        kind = shown.question.kind
        options = [(c.letter, c.choice.text) for c in shown.choices]
        if kind == QuestionKind.SHORT:
            return forms.CharField(label=_("Your answer"), max_length=500, required=False, strip=True)
        if kind == QuestionKind.MULTIPLE:
            return forms.MultipleChoiceField(
                choices=options, required=False, widget=forms.CheckboxSelectMultiple
            )
        return forms.ChoiceField(choices=options, required=False, widget=forms.RadioSelect)

    def rows(self) -> list[QuestionRow]:
        rows = []
        for shown in self.questions:
            bound = self[shown.field_name]
            value = bound.value()
            letters = value if isinstance(value, list) else ([value] if value else [])
            rows.append(
                QuestionRow(
                    shown=shown,
                    errors=list(bound.errors),
                    text=value
                    if isinstance(value, str) and shown.question.kind == QuestionKind.SHORT
                    else "",
                    selected=frozenset(str(letter) for letter in letters),
                )
            )
        return rows

    def answers(self) -> dict[int, Answer]:
        result = {}
        for shown in self.questions:
            value = self.cleaned_data.get(shown.field_name)
            letters = {c.letter: c.choice.pk for c in shown.choices}
            if shown.question.kind == QuestionKind.SHORT:
                result[shown.item.position] = Answer(text=value or "")
            else:
                picked = value if isinstance(value, list) else ([value] if value else [])
                result[shown.item.position] = Answer(choices=frozenset(letters[v] for v in picked))
        return result


def initial_answers(questions: list[ShownQuestion]) -> dict[str, object]:
    """The saved answers of an attempt, as form initial data (needs selected_choices prefetched)."""
    initial = {}
    for shown in questions:
        selected = {choice.pk for choice in shown.item.selected_choices.all()}
        letters = [c.letter for c in shown.choices if c.choice.pk in selected]
        if shown.question.kind == QuestionKind.SHORT:
            initial[shown.field_name] = shown.item.text_answer
        elif shown.question.kind == QuestionKind.MULTIPLE:
            initial[shown.field_name] = letters
        else:
            initial[shown.field_name] = letters[0] if letters else None
    return initial

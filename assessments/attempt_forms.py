"""The form a trainee answers an attempt with. Choices are posted as letters in the frozen order,
never as database ids, so nothing in the page hints at which choice is correct."""

from dataclasses import dataclass
from string import ascii_lowercase

from django import forms

from .models import AttemptQuestion, Choice, Question
from .question_kinds import Answer, QuestionKindHandler, handler_for


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

    @property
    def handler(self) -> QuestionKindHandler:
        return handler_for(self.question.kind)


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
        return shown.handler.form_field(options=[(c.letter, c.choice.text) for c in shown.choices])

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
                    text=value if isinstance(value, str) and shown.handler.answers_with_text else "",
                    selected=frozenset(str(letter) for letter in letters),
                )
            )
        return rows

    def answers(self) -> dict[int, Answer]:
        result = {}
        for shown in self.questions:
            result[shown.item.position] = shown.handler.answer(
                value=self.cleaned_data.get(shown.field_name),
                choice_of_letter={c.letter: c.choice.pk for c in shown.choices},
            )
        return result


def initial_answers(questions: list[ShownQuestion]) -> dict[str, object]:
    """The saved answers of an attempt, as form initial data (needs selected_choices prefetched)."""
    initial = {}
    for shown in questions:
        selected = {choice.pk for choice in shown.item.selected_choices.all()}
        letters = [c.letter for c in shown.choices if c.choice.pk in selected]
        initial[shown.field_name] = shown.handler.initial(text=shown.item.text_answer, letters=letters)
    return initial

"""A questionnaire's answer form, built from its questions: each question's kind handler
(`assessments/questionnaire_kinds.py`) gives its fields, checks and kept answer, in the manner of
wagtail.contrib.forms' FormBuilder."""

from dataclasses import dataclass

from django import forms

from courses.models import Competence

from .models import QuestionnaireItem
from .questionnaire_kinds import TextOf, handler_for
from .questionnaires import ItemValue

# Bootstrap's look for each kind of input; anything else is a text box.
WIDGET_CLASSES = {"radio": "form-check-input", "checkbox": "form-check-input", "select": "form-select"}


@dataclass(frozen=True)
class ErrorEntry:
    """One line of the error summary: the question it is about, which of its fields when it has
    several (a competence's level and importance), the message, and the input it leads to."""

    anchor: str
    question: str
    field: str
    message: str


@dataclass(frozen=True)
class ShownItem:
    """A question with its form fields, in page order; starts a section when it has a title.
    `heading` and `description` are shown in the reader's language; `inline` names the fields
    whose choices fit on one line."""

    item: QuestionnaireItem
    fields: list[forms.BoundField]
    errors: list[str]
    heading: TextOf
    description: TextOf | None
    inline: set[str]


class QuestionnaireForm(forms.Form):
    def __init__(
        self, *args, items: list[QuestionnaireItem], competences: list[Competence], require: bool, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.items = items
        self.competences = competences
        self.require = require
        self.field_names: dict[int, list[str]] = {}
        for item in items:
            created = handler_for(item.kind).form_fields(
                item=item, required=self.require and item.required, competences=competences
            )
            self.field_names[item.pk] = list(created)
            self.fields.update(created)
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", WIDGET_CLASSES.get(getattr(field.widget, "input_type", None), "form-control")
            )

    def clean(self):
        cleaned = super().clean()
        for item in self.items:
            for name, message in handler_for(item.kind).form_errors(item=item, cleaned=cleaned):
                self.add_error(name, message)
        return cleaned

    def shown_items(self) -> list[ShownItem]:
        for name in self.errors:
            if name in self.fields:  # each input says it is invalid, and which message explains why
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-error"}
                )
        shown = []
        for item in self.items:
            handler = handler_for(item.kind)
            shown.append(
                ShownItem(
                    item=item,
                    fields=[self[name] for name in self.field_names[item.pk]],
                    errors=[error for name in self.field_names[item.pk] for error in self[name].errors],
                    heading=handler.heading(item=item),
                    description=handler.description(item=item),
                    inline=handler.inline_fields(item=item),
                )
            )
        return shown

    def error_entries(self) -> list[ErrorEntry]:
        """Each error once, in page order, naming its question (and its field when the question
        has several), linked to the first input of that field."""
        entries = []
        for item in self.items:
            names = self.field_names[item.pk]
            question = handler_for(item.kind).question(item=item)
            for name in names:
                bound = self[name]
                choices = getattr(bound.field.widget, "input_type", None) in {"radio", "checkbox"}
                anchor = f"{bound.auto_id}_0" if choices else bound.auto_id
                field = str(bound.label) if len(names) > 1 else ""
                entries.extend(ErrorEntry(anchor, question, field, str(error)) for error in bound.errors)
        return entries

    def values(self) -> dict[int, ItemValue]:
        """Answers given, by item id; empty answers are left out."""
        values = {}
        for item in self.items:
            value = handler_for(item.kind).value(item=item, cleaned=self.cleaned_data)
            if value is not None:
                values[item.pk] = value
        return values


def initial_from(values: dict[int, ItemValue], items: list[QuestionnaireItem]) -> dict[str, object]:
    initial: dict[str, object] = {}
    for item in items:
        value = values.get(item.pk)
        if value is not None:
            initial.update(handler_for(item.kind).initial(item=item, value=value))
    return initial

"""A questionnaire's answer form, built from its questions: one `create_<kind>_field` per kind,
in the manner of wagtail.contrib.forms' FormBuilder."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Competence

from .models import QuestionnaireItem
from .models.questionnaires import ItemKind
from .questionnaires import ItemValue

LEVELS = [(str(n), str(n)) for n in range(1, 6)]
# Bootstrap's look for each kind of input; anything else is a text box.
WIDGET_CLASSES = {"radio": "form-check-input", "checkbox": "form-check-input", "select": "form-select"}
RANKS = 3


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
    """A question with its form fields, in page order; starts a section when it has a title."""

    item: QuestionnaireItem
    fields: list[forms.BoundField]
    errors: list[str]


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
            created = getattr(self, f"create_{item.kind}_field")(item)
            self.field_names[item.pk] = list(created)
            self.fields.update(created)
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", WIDGET_CLASSES.get(getattr(field.widget, "input_type", None), "form-control")
            )

    def _required(self, item) -> bool:
        return self.require and item.required

    def create_competence_field(self, item) -> dict[str, forms.Field]:
        competence = item.competence
        levels = [
            (str(level), f"{level} · {text}" if text else str(level))
            for level, text in competence.level_descriptors
        ]
        return {
            f"i{item.pk}_level": forms.ChoiceField(
                label=_("My current level"),
                choices=levels,
                widget=forms.RadioSelect,
                required=self._required(item),
            ),
            f"i{item.pk}_importance": forms.ChoiceField(
                label=_("Importance for my job (1 = low, 5 = essential)"),
                choices=LEVELS,
                widget=forms.RadioSelect,
                required=self._required(item),
            ),
        }

    def _options(self, item) -> list[tuple[str, str]]:
        return [(str(index), text) for index, text in enumerate(item.option_list)]

    def create_single_field(self, item) -> dict[str, forms.Field]:
        return {
            f"i{item.pk}": forms.ChoiceField(
                label=item.label,
                choices=self._options(item),
                widget=forms.RadioSelect,
                required=self._required(item),
            )
        }

    def create_multiple_field(self, item) -> dict[str, forms.Field]:
        return {
            f"i{item.pk}": forms.MultipleChoiceField(
                label=item.label,
                choices=self._options(item),
                widget=forms.CheckboxSelectMultiple,
                required=self._required(item),
            )
        }

    create_availability_field = create_multiple_field

    def create_rating_field(self, item) -> dict[str, forms.Field]:
        scale = [(str(n), str(n)) for n in range(1, item.scale_max + 1)]
        return {
            f"i{item.pk}": forms.ChoiceField(
                label=item.label, choices=scale, widget=forms.RadioSelect, required=self._required(item)
            )
        }

    def create_text_field(self, item) -> dict[str, forms.Field]:
        return {
            f"i{item.pk}": forms.CharField(
                label=item.label,
                widget=forms.Textarea(attrs={"rows": 4}),
                max_length=2000,
                required=self._required(item),
            )
        }

    def create_ranking_field(self, item) -> dict[str, forms.Field]:
        choices = [("", "—"), *[(str(c.pk), c.name) for c in self.competences]]
        labels = [_("First priority"), _("Second priority"), _("Third priority")]
        return {
            f"i{item.pk}_rank{rank}": forms.ChoiceField(
                label=labels[rank - 1], choices=choices, required=self._required(item)
            )
            for rank in range(1, RANKS + 1)
        }

    def clean(self):
        cleaned = super().clean()
        for item in self.items:
            if item.kind == ItemKind.RANKING:
                picked = [cleaned.get(f"i{item.pk}_rank{rank}") for rank in range(1, RANKS + 1)]
                chosen = [p for p in picked if p]
                if len(chosen) != len(set(chosen)):
                    self.add_error(f"i{item.pk}_rank1", _("Choose three different competences."))
        return cleaned

    def shown_items(self) -> list[ShownItem]:
        for name in self.errors:
            if name in self.fields:  # each input says it is invalid, and which message explains why
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-error"}
                )
        return [
            ShownItem(
                item=item,
                fields=[self[name] for name in self.field_names[item.pk]],
                errors=[error for name in self.field_names[item.pk] for error in self[name].errors],
            )
            for item in self.items
        ]

    def error_entries(self) -> list[ErrorEntry]:
        """Each error once, in page order, naming its question (and its field when the question
        has several), linked to the first input of that field."""
        entries = []
        for item in self.items:
            names = self.field_names[item.pk]
            question = item.competence.name if item.kind == ItemKind.COMPETENCE_RATING else item.label
            for name in names:
                bound = self[name]
                choices = getattr(bound.field.widget, "input_type", None) in {"radio", "checkbox"}
                anchor = f"{bound.auto_id}_0" if choices else bound.auto_id
                field = str(bound.label) if len(names) > 1 else ""
                entries.extend(ErrorEntry(anchor, question, field, str(error)) for error in bound.errors)
        return entries

    def values(self) -> dict[int, ItemValue]:
        """Answers given, by item id; empty answers are left out."""
        data = self.cleaned_data
        values = {}
        for item in self.items:
            key = f"i{item.pk}"
            if item.kind == ItemKind.COMPETENCE_RATING:
                level, importance = data.get(f"{key}_level"), data.get(f"{key}_importance")
                if level or importance:
                    values[item.pk] = ItemValue(
                        number=int(level) if level else None,
                        importance=int(importance) if importance else None,
                    )
            elif item.kind in {ItemKind.SINGLE_CHOICE, ItemKind.RATING}:
                if data.get(key):
                    values[item.pk] = ItemValue(number=int(data[key]))
            elif item.kind in {ItemKind.MULTIPLE_CHOICE, ItemKind.AVAILABILITY}:
                if data.get(key):
                    values[item.pk] = ItemValue(selection=sorted(int(v) for v in data[key]))
            elif item.kind == ItemKind.RANKING:
                ranks = [data.get(f"{key}_rank{rank}") for rank in range(1, RANKS + 1)]
                if any(ranks):
                    values[item.pk] = ItemValue(selection=[int(r) for r in ranks if r])
            elif data.get(key):
                values[item.pk] = ItemValue(text=data[key])
        return values


def initial_from(values: dict[int, ItemValue], items: list[QuestionnaireItem]) -> dict[str, object]:
    initial: dict[str, object] = {}
    for item in items:
        value = values.get(item.pk)
        if value is None:
            continue
        key = f"i{item.pk}"
        if item.kind == ItemKind.COMPETENCE_RATING:
            initial[f"{key}_level"] = str(value.number) if value.number else None
            initial[f"{key}_importance"] = str(value.importance) if value.importance else None
        elif item.kind in {ItemKind.SINGLE_CHOICE, ItemKind.RATING}:
            initial[key] = str(value.number) if value.number is not None else None
        elif item.kind in {ItemKind.MULTIPLE_CHOICE, ItemKind.AVAILABILITY}:
            initial[key] = [str(v) for v in value.selection]
        elif item.kind == ItemKind.RANKING:
            for rank, competence_id in enumerate(value.selection, start=1):
                initial[f"{key}_rank{rank}"] = str(competence_id)
        else:
            initial[key] = value.text
    return initial

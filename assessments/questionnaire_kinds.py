"""What each kind of questionnaire question does, in one class per kind.

A kind's handler holds everything that differs between kinds: the form fields a trainee answers
with (in the manner of wagtail.contrib.forms' `create_<type>_field`), the answer kept from the
cleaned form, the form's initial values from a saved answer, the cross-field checks of the form, the
export's columns and cells, its share of the results (and the template that shows it when it is not
one of the shared sections), and what its author must give it in the admin. Every other module asks
`handler_for(item.kind)`; adding a kind is one class registered with `register_item_kind`.
"""

import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from django import forms
from django.utils.translation import gettext_lazy as _

from home.languages import default_language, language_codes, localized

from .models.questionnaires import ItemKind
from .questionnaires import ItemValue
from .survey_figures import (
    RANK_POINTS,
    AnswerRow,
    ChoiceResult,
    CompetenceNeed,
    RankedCompetence,
    TextAnswers,
    bars,
    distribution,
    priority_score,
    two_places,
)

LEVELS = [(str(n), str(n)) for n in range(1, 6)]
RANKS = 3


@dataclass(frozen=True)
class OtherResult:
    """The results of an item whose kind has its own display (`results_template`): a heading and
    lines of label and figure, kept as they are in adopted minutes."""

    item: Any
    template_name: str
    lines: list[tuple[str, str]]


@dataclass(frozen=True)
class Figures:
    """What an item's aggregation may need beyond its own answers."""

    competences: Mapping[int, Any]  # by id
    names: Mapping[int, str]  # respondent names by response id; empty when anonymous


class TextOf(NamedTuple):
    """A translated text to show: the object and the name of its field."""

    owner: Any
    field: str


def field_key(item) -> str:
    """The name of an item's form field, or the prefix of its fields' names."""
    return f"i{item.pk}"


class ItemKindHandler:
    kind: str
    # Which list of QuestionnaireResults the item's aggregate joins: "needs", "rankings", "choices",
    # "texts" (shown by the shared results page, minutes and reports) or "others" (shown with
    # `results_template`, given an OtherResult).
    results_section = "others"
    results_template = "assessments/results_item.html"
    # A respondent may pick several options: a choice's share is of the respondents, with no total.
    picks_several = False
    # The form ---------------------------------------------------------------------------------

    def heading(self, *, item) -> TextOf:
        """The question's heading, shown in the reader's language."""
        return TextOf(item, "label")

    def description(self, *, item) -> TextOf | None:
        """A text shown under the heading, if any."""
        return None

    def inline_fields(self, *, item) -> set[str]:
        """The names of the fields whose choices are laid out on one line (short scales)."""
        return set()

    def question(self, *, item) -> str:
        owner, name = self.heading(item=item)
        return getattr(owner, name)

    def form_fields(self, *, item, required: bool, competences: Sequence) -> dict[str, forms.Field]:
        """The item's form fields by name: by default its one `field`, named `field_key(item)`."""
        return {field_key(item): self.field(item=item, required=required)}

    def field(self, *, item, required: bool) -> forms.Field:
        raise NotImplementedError

    def form_errors(self, *, item, cleaned: Mapping[str, Any]) -> list[tuple[str, str]]:
        """Checks across the item's fields, as (field name, message)."""
        return []

    def value(self, *, item, cleaned: Mapping[str, Any]) -> ItemValue | None:
        """The answer to keep from the cleaned form; None when the item was left empty."""
        raise NotImplementedError

    def initial(self, *, item, value: ItemValue) -> dict[str, Any]:
        raise NotImplementedError

    # Export -----------------------------------------------------------------------------------

    def columns(self, *, item) -> list[tuple[str, str]]:
        return [(field_key(item), item.label)]

    def cells(self, *, item, answer, competences: Mapping[int, Any]) -> dict[str, Any]:
        """The item's cells of one exported response (`answer` None when not answered)."""
        return {field_key(item): None if answer is None else self.cell(item=item, answer=answer)}

    def cell(self, *, item, answer) -> Any:
        return answer.text

    # Results ----------------------------------------------------------------------------------

    def aggregate(self, *, item, rows: list[AnswerRow], figures: Figures) -> Any:
        """The item's results from its answers, for the list named by `results_section`."""
        raise NotImplementedError

    # Admin ------------------------------------------------------------------------------------

    def definition_errors(self, *, data: Mapping[str, Any]) -> list[tuple[str | None, str]]:
        """What is wrong with the item as its author defined it, as (field name or None, message)."""
        if not (data.get(localized("label", default_language())) or data.get("label")):
            return [(None, _("Write the question."))]
        return []


def _options(item) -> list[tuple[str, str]]:
    return [(str(index), text) for index, text in enumerate(item.option_list)]


class WithOptions(ItemKindHandler):
    """A kind whose answers are picked from the options written one per line."""

    def definition_errors(self, *, data):
        errors = super().definition_errors(data=data)
        counts = {
            language: len(
                [
                    line
                    for line in (data.get(localized("options", language)) or "").splitlines()
                    if line.strip()
                ]
            )
            for language in language_codes()
        }
        reference = counts.pop(default_language())
        if reference < 2:
            errors.append((None, _("Give at least two options, one per line.")))
        elif any(count and count != reference for count in counts.values()):
            errors.append((None, _("Every language must have the same number of option lines.")))
        return errors

    def picked(self, *, row: AnswerRow) -> list:
        return row.selection

    def aggregate(self, *, item, rows, figures):
        counts: Counter = Counter()
        for row in rows:
            counts.update(index for index in self.picked(row=row) if index is not None)
        answered = len(rows)
        return ChoiceResult(
            item,
            bars(
                labels=item.option_list,
                counts=[counts[index] for index in range(len(item.option_list))],
                total=answered,
            ),
            answered,
        )


class OneNumber(ItemKindHandler):
    """A kind answered with one number (an option's index, a point of a scale)."""

    def value(self, *, item, cleaned):
        key = field_key(item)
        return ItemValue(number=int(cleaned[key])) if cleaned.get(key) else None

    def initial(self, *, item, value):
        return {field_key(item): str(value.number) if value.number is not None else None}


class CompetenceRating(ItemKindHandler):
    kind = ItemKind.COMPETENCE_RATING
    results_section = "needs"

    def heading(self, *, item):
        return TextOf(item.competence, "name")

    def description(self, *, item):
        return TextOf(item.competence, "description") if item.competence.description else None

    def inline_fields(self, *, item):
        return {f"{field_key(item)}_importance"}

    def form_fields(self, *, item, required, competences):
        levels = [
            (str(level), f"{level} · {text}" if text else str(level))
            for level, text in item.competence.level_descriptors
        ]
        key = field_key(item)
        return {
            f"{key}_level": forms.ChoiceField(
                label=_("My current level"), choices=levels, widget=forms.RadioSelect, required=required
            ),
            f"{key}_importance": forms.ChoiceField(
                label=_("Importance for my job (1 = low, 5 = essential)"),
                choices=LEVELS,
                widget=forms.RadioSelect,
                required=required,
            ),
        }

    def value(self, *, item, cleaned):
        key = field_key(item)
        level, importance = cleaned.get(f"{key}_level"), cleaned.get(f"{key}_importance")
        if not (level or importance):
            return None
        return ItemValue(
            number=int(level) if level else None, importance=int(importance) if importance else None
        )

    def initial(self, *, item, value):
        key = field_key(item)
        return {
            f"{key}_level": str(value.number) if value.number else None,
            f"{key}_importance": str(value.importance) if value.importance else None,
        }

    def columns(self, *, item):
        name = item.competence.name
        return [
            (f"{field_key(item)}_level", _("%(competence)s: level") % {"competence": name}),
            (f"{field_key(item)}_importance", _("%(competence)s: importance") % {"competence": name}),
        ]

    def cells(self, *, item, answer, competences):
        key = field_key(item)
        return {
            f"{key}_level": answer.number if answer else None,
            f"{key}_importance": answer.importance if answer else None,
        }

    def aggregate(self, *, item, rows, figures):
        levels = [row.number for row in rows if row.number]
        importances = [row.importance for row in rows if row.importance]
        products = [
            priority_score(level=row.number, importance=row.importance)
            for row in rows
            if row.number and row.importance
        ]
        priority = two_places(statistics.fmean(products)) if products else None
        return CompetenceNeed(item.competence, distribution(levels), distribution(importances), priority)

    def definition_errors(self, *, data):
        if not data.get("competence"):
            return [("competence", _("Choose the competence to rate."))]
        return []


class SingleChoice(OneNumber, WithOptions):
    kind = ItemKind.SINGLE_CHOICE
    results_section = "choices"

    def field(self, *, item, required):
        return forms.ChoiceField(
            label=item.label, choices=_options(item), widget=forms.RadioSelect, required=required
        )

    def cell(self, *, item, answer):
        options = item.option_list
        return options[answer.number] if answer.number is not None and answer.number < len(options) else None

    def picked(self, *, row):
        return [row.number]


class MultipleChoice(WithOptions):
    kind = ItemKind.MULTIPLE_CHOICE
    results_section = "choices"
    picks_several = True

    def field(self, *, item, required):
        return forms.MultipleChoiceField(
            label=item.label,
            choices=_options(item),
            widget=forms.CheckboxSelectMultiple,
            required=required,
        )

    def value(self, *, item, cleaned):
        picked = cleaned.get(field_key(item))
        return ItemValue(selection=sorted(int(v) for v in picked)) if picked else None

    def initial(self, *, item, value):
        return {field_key(item): [str(v) for v in value.selection]}

    def cell(self, *, item, answer):
        options = item.option_list
        return "; ".join(options[i] for i in answer.selection if i < len(options))


class Availability(MultipleChoice):
    kind = ItemKind.AVAILABILITY


class Rating(OneNumber):
    kind = ItemKind.RATING
    results_section = "choices"

    def inline_fields(self, *, item):
        return {field_key(item)}

    def field(self, *, item, required):
        scale = [(str(n), str(n)) for n in range(1, item.scale_max + 1)]
        return forms.ChoiceField(label=item.label, choices=scale, widget=forms.RadioSelect, required=required)

    def cell(self, *, item, answer):
        return answer.number

    def aggregate(self, *, item, rows, figures):
        values = [row.number for row in rows if row.number]
        dist = distribution(values, range(1, item.scale_max + 1))
        return ChoiceResult(item, dist.bars, dist.count, dist.mean)

    def definition_errors(self, *, data):
        errors = super().definition_errors(data=data)
        if not 2 <= (data.get("scale_max") or 0) <= 10:
            errors.append(("scale_max", _("A rating scale goes from 1 to a maximum between 2 and 10.")))
        return errors


class FreeText(ItemKindHandler):
    kind = ItemKind.FREE_TEXT
    results_section = "texts"

    def field(self, *, item, required):
        return forms.CharField(
            label=item.label,
            widget=forms.Textarea(attrs={"rows": 4}),
            max_length=2000,
            required=required,
        )

    def value(self, *, item, cleaned):
        text = cleaned.get(field_key(item))
        return ItemValue(text=text) if text else None

    def initial(self, *, item, value):
        return {field_key(item): value.text}

    def aggregate(self, *, item, rows, figures):
        texts = [(figures.names.get(row.response_id, ""), row.text) for row in rows if row.text.strip()]
        return TextAnswers(item, sorted(texts, key=lambda pair: (pair[1].casefold(), pair[0])))


class Ranking(ItemKindHandler):
    kind = ItemKind.RANKING
    results_section = "rankings"

    def _names(self, item) -> list[str]:
        return [f"{field_key(item)}_rank{rank}" for rank in range(1, RANKS + 1)]

    def form_fields(self, *, item, required, competences):
        choices = [("", "—"), *[(str(c.pk), c.name) for c in competences]]
        labels = [_("First priority"), _("Second priority"), _("Third priority")]
        return {
            name: forms.ChoiceField(label=label, choices=choices, required=required)
            for name, label in zip(self._names(item), labels, strict=True)
        }

    def form_errors(self, *, item, cleaned):
        chosen = [picked for picked in (cleaned.get(name) for name in self._names(item)) if picked]
        if len(chosen) != len(set(chosen)):
            return [(self._names(item)[0], _("Choose three different competences."))]
        return []

    def value(self, *, item, cleaned):
        ranks = [cleaned.get(name) for name in self._names(item)]
        return ItemValue(selection=[int(r) for r in ranks if r]) if any(ranks) else None

    def initial(self, *, item, value):
        return {
            f"{field_key(item)}_rank{rank}": str(competence_id)
            for rank, competence_id in enumerate(value.selection, start=1)
        }

    def cells(self, *, item, answer, competences):
        if answer is None:
            return {field_key(item): None}
        return {
            field_key(item): "; ".join(
                f"{rank}. {competences[cid].name}"
                for rank, cid in enumerate(answer.selection, 1)
                if cid in competences
            )
        }

    def aggregate(self, *, item, rows, figures):
        points: Counter = Counter()
        mentions: Counter = Counter()
        firsts: Counter = Counter()
        for row in rows:
            for position, competence_id in enumerate(row.selection[:RANKS]):
                points[competence_id] += RANK_POINTS[position]
                mentions[competence_id] += 1
                if position == 0:
                    firsts[competence_id] += 1
        competences = figures.competences
        ranked = [
            RankedCompetence(competences[cid], points[cid], mentions[cid], firsts[cid])
            for cid in points
            if cid in competences
        ]
        return (item, sorted(ranked, key=lambda r: (-r.points, -r.first_choices, r.competence.sort_order)))


KINDS: dict[str, ItemKindHandler] = {}


def register_item_kind(handler: ItemKindHandler) -> ItemKindHandler:
    """Add (or replace) the handler of `handler.kind`."""
    KINDS[handler.kind] = handler
    return handler


for _handler in (
    CompetenceRating(),
    SingleChoice(),
    MultipleChoice(),
    Rating(),
    FreeText(),
    Ranking(),
    Availability(),
):
    register_item_kind(_handler)


def handler_for(kind: str) -> ItemKindHandler:
    """The handler of `kind`; an unknown kind is a programming error that names the known ones."""
    try:
        return KINDS[kind]
    except KeyError:
        raise ValueError(
            f"Unknown questionnaire item kind {kind!r}; known kinds: {', '.join(KINDS)}"
        ) from None


def definition_errors(*, kind: str | None, data: Mapping[str, Any]) -> list[tuple[str | None, str]]:
    """What is wrong with a questionnaire item as defined in the admin. A kind that is not valid has
    its own field error; the question must still be written."""
    handler = KINDS.get(kind) if kind else None
    return (handler or ItemKindHandler()).definition_errors(data=data)

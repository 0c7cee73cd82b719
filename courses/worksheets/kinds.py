"""What each kind of worksheet field does, in one class per kind.

A kind's handler holds everything that differs between kinds: the settings a trainer gives it in
the admin (`settings_blocks`), the form field a trainee fills in, the value stored (plain JSON), the
check of a stored value, and the text it is shown and exported as. Adding a kind is one class here
and one line in `KINDS`; the admin's block choices, the form, validation and exports follow.
"""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SCALE = range(1, 6)


class FieldKind:
    kind: str = ""
    label = ""
    in_groups = True  # may be a column of a repeating group

    def settings_blocks(self) -> list:
        return []

    def form_field(self, *, spec, actors) -> forms.Field:
        return forms.CharField(required=False, max_length=300)

    def stored(self, value):
        """The cleaned form value as stored (JSON)."""
        return value.strip() if isinstance(value, str) else value

    def initial(self, value):
        return value

    def is_empty(self, value) -> bool:
        return value in (None, "", [], {})

    def check(self, *, spec, value, actor_ids) -> str | None:
        """Why a stored value is not acceptable for this kind, or None."""
        return None if isinstance(value, str) else _("Enter a text.")

    def display(self, *, spec, value, actors: Mapping[int, str]) -> str:
        return "" if self.is_empty(value) else str(value)


class ShortText(FieldKind):
    kind = "short_text"
    label = gettext_lazy("Short text")


class LongText(FieldKind):
    kind = "long_text"
    label = gettext_lazy("Long text")

    def form_field(self, *, spec, actors):
        return forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class Number(FieldKind):
    kind = "number"
    label = gettext_lazy("Number")

    def form_field(self, *, spec, actors):
        return forms.DecimalField(required=False, max_digits=15, decimal_places=2, localize=True)

    def stored(self, value):
        return None if value is None else str(value.normalize() if value == value.to_integral() else value)

    def check(self, *, spec, value, actor_ids):
        try:
            Decimal(str(value))
        except InvalidOperation:
            return _("Enter a number.")
        return None

    def display(self, *, spec, value, actors):
        return "" if self.is_empty(value) else formats.number_format(Decimal(str(value)), use_l10n=True)


class Date(FieldKind):
    kind = "date"
    label = gettext_lazy("Date")

    def form_field(self, *, spec, actors):
        return forms.DateField(
            required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        )

    def stored(self, value):
        return value.isoformat() if value else None

    def initial(self, value):
        return date.fromisoformat(value) if value else None

    def check(self, *, spec, value, actor_ids):
        try:
            date.fromisoformat(value)
        except (TypeError, ValueError):
            return _("Enter a date.")
        return None

    def display(self, *, spec, value, actors):
        return "" if not value else formats.date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")


class Scale(FieldKind):
    kind = "scale"
    label = gettext_lazy("Scale from 1 to 5")

    def form_field(self, *, spec, actors):
        choices = [("", "—"), *((str(n), str(n)) for n in SCALE)]
        return forms.TypedChoiceField(required=False, choices=choices, coerce=int, empty_value=None)

    def check(self, *, spec, value, actor_ids):
        return None if isinstance(value, int) and value in SCALE else _("Choose a value from 1 to 5.")


class Choice(FieldKind):
    kind = "choice"
    label = gettext_lazy("Choice")

    def settings_blocks(self):
        from wagtail import blocks

        from .blocks import OptionBlock

        return [("options", blocks.ListBlock(OptionBlock(), label=gettext_lazy("options")))]

    def form_field(self, *, spec, actors):
        return forms.ChoiceField(
            required=False, choices=[("", "—"), *((o.key, str(o.label)) for o in spec.options)]
        )

    def check(self, *, spec, value, actor_ids):
        return None if value in {o.key for o in spec.options} else _("Choose one of the options.")

    def display(self, *, spec, value, actors):
        return next((str(o.label) for o in spec.options if o.key == value), "")


class ActorChoice(FieldKind):
    kind = "actor"
    label = gettext_lazy("Actor from the register")

    def form_field(self, *, spec, actors):
        return forms.ModelChoiceField(required=False, queryset=actors, empty_label="—")

    def stored(self, value):
        return value.pk if value is not None else None

    def check(self, *, spec, value, actor_ids):
        return None if value in actor_ids else _("Choose an actor of the register.")

    def display(self, *, spec, value, actors):
        return actors.get(value, "") if value is not None else ""


class RepeatingGroup(FieldKind):
    """Rows of sub-fields: each row a dict of the columns' stored values."""

    kind = "group"
    label = gettext_lazy("Repeating group (rows)")
    in_groups = False

    def settings_blocks(self):
        from wagtail import blocks

        from .blocks import column_stream, display_choice

        return [
            ("columns", column_stream()),
            ("min_rows", blocks.IntegerBlock(label=gettext_lazy("minimum rows"), min_value=0, default=0)),
            (
                "max_rows",
                blocks.IntegerBlock(label=gettext_lazy("maximum rows"), min_value=1, required=False),
            ),
            ("display", display_choice()),
        ]

    def check(self, *, spec, value, actor_ids):
        return (
            None
            if isinstance(value, list) and all(isinstance(row, dict) for row in value)
            else _("Add rows.")
        )

    def display(self, *, spec, value, actors):
        return ""


KINDS: dict[str, FieldKind] = {
    handler.kind: handler
    for handler in (
        ShortText(),
        LongText(),
        Number(),
        Date(),
        Scale(),
        Choice(),
        ActorChoice(),
        RepeatingGroup(),
    )
}


def handler_for(kind: str) -> FieldKind:
    return KINDS[kind]

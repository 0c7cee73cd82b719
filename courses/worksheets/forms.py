"""The form a trainee fills a worksheet with, built from its template (one form field per field,
one per column and row of a repeating group). Every field is optional in the form: a draft is saved
as it stands, and `validate` says what a complete worksheet still lacks."""

from django import forms
from django.utils.translation import gettext as _

from .spec import FieldSpec, TemplateSpec

EXTRA_ROWS = 1  # empty rows offered below the filled ones
MOST_ROWS = 50  # never more rows than this in one form, whatever is posted


def cell_name(group: FieldSpec, row: int, column: FieldSpec) -> str:
    return f"{group.key}-{row}-{column.key}"


def rows_name(group: FieldSpec) -> str:
    return f"{group.key}-rows"


def _styled(field: forms.Field) -> forms.Field:
    widget = field.widget
    if not isinstance(widget, forms.HiddenInput):
        widget.attrs.setdefault(
            "class", "form-select" if isinstance(widget, forms.Select) else "form-control"
        )
    return field


class WorksheetForm(forms.Form):
    """Fields are added by `worksheet_form`; `layout` tells the template how to lay them out."""

    def __init__(self, *args, spec: TemplateSpec, actors, values: dict, add_row: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        self.layout = []
        for section in spec.sections:
            items = []
            for item in section.fields:
                if item.kind == "group":
                    items.append(
                        self._add_group(item, actors, values.get(item.key) or [], add_row == item.key)
                    )
                else:
                    self.fields[item.key] = _styled(item.handler.form_field(spec=item, actors=actors))
                    self.fields[item.key].label = str(item.label)
                    self.fields[item.key].help_text = str(item.help)
                    self.fields[item.key].initial = item.handler.initial(values.get(item.key))
                    items.append({"spec": item, "field": self[item.key]})
            self.layout.append({"section": section, "items": items})

    def _row_count(self, group: FieldSpec, stored_rows: list, add_row: bool) -> int:
        if self.is_bound:
            try:
                count = int(self.data.get(rows_name(group), 0))
            except (TypeError, ValueError):
                count = 0
        else:
            count = len(stored_rows) + EXTRA_ROWS
        count = max(count + (1 if add_row else 0), group.min_rows, 1)
        return min(count, group.max_rows or MOST_ROWS, MOST_ROWS)

    def _add_group(self, group: FieldSpec, actors, stored_rows: list, add_row: bool) -> dict:
        count = self._row_count(group, stored_rows, add_row)
        self.fields[rows_name(group)] = forms.IntegerField(
            widget=forms.HiddenInput, initial=count, required=False
        )
        rows = []
        for row in range(count):
            stored = stored_rows[row] if row < len(stored_rows) else {}
            cells = []
            for column in group.columns:
                name = cell_name(group, row, column)
                self.fields[name] = _styled(column.handler.form_field(spec=column, actors=actors))
                self.fields[name].label = _("%(column)s, row %(row)s") % {
                    "column": column.label,
                    "row": row + 1,
                }
                self.fields[name].initial = column.handler.initial(stored.get(column.key))
                cells.append({"spec": column, "field": self[name]})
            rows.append({"number": row + 1, "cells": cells})
        return {
            "spec": group,
            "rows": rows,
            "rows_name": rows_name(group),
            "can_add": count < (group.max_rows or MOST_ROWS),
        }

    def values(self) -> dict:
        """The stored values from a valid form: empty rows of a group are dropped."""
        data = self.cleaned_data
        found = {}
        for _section, item in self.spec.fields():
            if item.kind != "group":
                value = item.handler.stored(data.get(item.key))
                if not item.handler.is_empty(value):
                    found[item.key] = value
                continue
            rows = []
            for row in range(data.get(rows_name(item)) or 0):
                cells = {}
                for column in item.columns:
                    name = cell_name(item, row, column)
                    if name not in data:
                        continue
                    value = column.handler.stored(data.get(name))
                    if not column.handler.is_empty(value):
                        cells[column.key] = value
                if cells:
                    rows.append(cells)
            if rows:
                found[item.key] = rows
        return found

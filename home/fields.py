"""Form fields that refuse impossible ids before they reach the database."""

from django import forms
from django.core.exceptions import ValidationError

MAX_ID = 2**63 - 1  # the largest primary key any supported database stores


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Out-of-range or non-numeric ids are an invalid choice, not a database error (500)."""

    def _check_values(self, value):
        for item in value:
            if not str(item).isdigit() or not 0 < int(item) <= MAX_ID:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item}
                )
        return super()._check_values(value)

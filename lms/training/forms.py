from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import AttendanceStatus


class AttendanceForm(forms.Form):
    """One trainee's line on the attendance sheet."""

    status = forms.ChoiceField(
        label=_("Attendance"),
        choices=AttendanceStatus.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class RequestChangesForm(forms.Form):
    """The approver's comment when sending the plan back: the trainer reads it in the workflow."""

    comment = forms.CharField(
        label=_("What should change"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("Please write what should change: the trainer receives your comment.")},
    )

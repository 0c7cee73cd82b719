from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import MeetingMinutes
from home.fields import BoundedModelMultipleChoiceField


class MeetingMinutesForm(forms.ModelForm):
    class Meta:
        field_classes = {"priority_competences": BoundedModelMultipleChoiceField}
        model = MeetingMinutes
        fields = [
            "meeting_date",
            "place",
            "participants",
            "summary_fr",
            "summary_ar",
            "decisions_fr",
            "decisions_ar",
            "priority_competences",
        ]
        widgets = {
            "meeting_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "participants": forms.Textarea(attrs={"rows": 4}),
            "summary_fr": forms.Textarea(attrs={"rows": 6, "lang": "fr", "dir": "ltr"}),
            "summary_ar": forms.Textarea(attrs={"rows": 6, "lang": "ar", "dir": "rtl"}),
            "decisions_fr": forms.Textarea(attrs={"rows": 4, "lang": "fr", "dir": "ltr"}),
            "decisions_ar": forms.Textarea(attrs={"rows": 4, "lang": "ar", "dir": "rtl"}),
            "priority_competences": forms.CheckboxSelectMultiple,
        }
        labels = {
            "summary_fr": _("Summary of the discussion (French)"),
            "summary_ar": _("Summary of the discussion (Arabic)"),
            "decisions_fr": _("Decisions (French)"),
            "decisions_ar": _("Decisions (Arabic)"),
        }

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from assessments.models import MeetingMinutes
from home.fields import BoundedModelMultipleChoiceField

LEFT_TO_RIGHT = {"lang": "fr", "dir": "ltr"}
RIGHT_TO_LEFT = {"lang": "ar", "dir": "rtl"}


class MeetingMinutesForm(forms.ModelForm):
    """The draft of the minutes. The texts, place and participants are written in French, in Arabic,
    or both; French, the default language, is the fallback and the participants are required in it."""

    class Meta:
        field_classes = {"priority_competences": BoundedModelMultipleChoiceField}
        model = MeetingMinutes
        fields = [
            "meeting_date",
            "place_fr",
            "place_ar",
            "participants_fr",
            "participants_ar",
            "summary_fr",
            "summary_ar",
            "decisions_fr",
            "decisions_ar",
            "priority_competences",
        ]
        widgets = {
            "meeting_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "place_fr": forms.TextInput(attrs=LEFT_TO_RIGHT),
            "place_ar": forms.TextInput(attrs=RIGHT_TO_LEFT),
            "participants_fr": forms.Textarea(attrs={"rows": 4, **LEFT_TO_RIGHT}),
            "participants_ar": forms.Textarea(attrs={"rows": 4, **RIGHT_TO_LEFT}),
            "summary_fr": forms.Textarea(attrs={"rows": 6, **LEFT_TO_RIGHT}),
            "summary_ar": forms.Textarea(attrs={"rows": 6, **RIGHT_TO_LEFT}),
            "decisions_fr": forms.Textarea(attrs={"rows": 4, **LEFT_TO_RIGHT}),
            "decisions_ar": forms.Textarea(attrs={"rows": 4, **RIGHT_TO_LEFT}),
            "priority_competences": forms.CheckboxSelectMultiple,
        }
        labels = {
            "place_fr": _("Place (French)"),
            "place_ar": _("Place (Arabic)"),
            "participants_fr": _("Participants (French)"),
            "participants_ar": _("Participants (Arabic)"),
            "summary_fr": _("Summary of the discussion (French)"),
            "summary_ar": _("Summary of the discussion (Arabic)"),
            "decisions_fr": _("Decisions (French)"),
            "decisions_ar": _("Decisions (Arabic)"),
        }
        help_texts = {
            "participants_fr": _("One per line: name and role."),
            "participants_ar": _("One per line: name and role. Empty: the French list is printed."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[f"participants_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"].required = True

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import MeetingMinutes
from home.fields import BoundedModelMultipleChoiceField
from home.languages import default_language, label_in, language_codes, localized, text_attributes

TRANSLATED = {
    "place": (_("Place"), forms.TextInput, {}),
    "participants": (_("Participants"), forms.Textarea, {"rows": 4}),
    "summary": (_("Summary of the discussion"), forms.Textarea, {"rows": 6}),
    "decisions": (_("Decisions"), forms.Textarea, {"rows": 4}),
}


class MeetingMinutesForm(forms.ModelForm):
    """The draft of the minutes. The texts, place and participants are written in any of the site's
    languages; the default language is the fallback and the participants are required in it."""

    class Meta:
        field_classes = {"priority_competences": BoundedModelMultipleChoiceField}
        model = MeetingMinutes
        fields = [
            "meeting_date",
            *(localized(name, code) for name in TRANSLATED for code in language_codes()),
            "priority_competences",
        ]
        widgets = {
            "meeting_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{
                localized(name, code): widget(attrs={**attrs, **text_attributes(code)})
                for name, (_label, widget, attrs) in TRANSLATED.items()
                for code in language_codes()
            },
            "priority_competences": forms.CheckboxSelectMultiple,
        }
        labels = {
            localized(name, code): label_in(label, code)
            for name, (label, _widget, _attrs) in TRANSLATED.items()
            for code in language_codes()
        }
        help_texts = {
            localized("participants", code): _("One per line: name and role.")
            if code == default_language()
            else _("One per line: name and role. Empty: the French list is printed.")
            for code in language_codes()
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[localized("participants", default_language())].required = True

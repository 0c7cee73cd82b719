from django import forms
from django.utils.translation import gettext_lazy as _

from home.languages import language_choices

from ..models import Frequency, Weekday


def _language_choices():
    return [("", _("The language of my account")), *language_choices()]


class PreferencesForm(forms.Form):
    email_enabled = forms.BooleanField(label=_("Send me e-mails"), required=False)
    frequency = forms.ChoiceField(
        label=_("When"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose when you receive the e-mails."),
            "invalid_choice": _("Choose when you receive the e-mails."),
        },
    )
    digest_day = forms.TypedChoiceField(
        label=_("Day of the weekly summary"),
        choices=Weekday.choices,
        coerce=int,
        error_messages={
            "required": _("Choose a day of the week."),
            "invalid_choice": _("Choose a day of the week."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language of the e-mails and of the calendar"),
        choices=_language_choices,
        required=False,
        error_messages={"invalid_choice": _("Choose one of the languages offered.")},
    )

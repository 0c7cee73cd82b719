from django import forms
from django.utils.translation import gettext_lazy as _


class ConsentForm(forms.Form):
    accept = forms.BooleanField(
        label=_("I have read this notice and I accept that my personal data is processed as it describes."),
        error_messages={"required": _("Tick the box to accept the notice, or log out.")},
    )


class ErasureConfirmationForm(forms.Form):
    """Erasure cannot be undone: the trainer types the account's username to confirm it."""

    username = forms.CharField(label=_("Type the username to confirm"), max_length=150)

    def __init__(self, *args, expected_username: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected_username = expected_username

    def clean_username(self):
        typed = self.cleaned_data["username"].strip()
        if typed != self.expected_username:
            raise forms.ValidationError(_("This is not the username of the account to erase."))
        return typed

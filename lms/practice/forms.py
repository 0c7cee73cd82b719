from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Actor

from .workbook import ANSWER_MAX_LENGTH


class ReflectionForm(forms.Form):
    answer = forms.CharField(label=_("Your answer"), max_length=ANSWER_MAX_LENGTH, widget=forms.Textarea)


class WorksheetTitleForm(forms.Form):
    title = forms.CharField(label=_("Title of the worksheet"), max_length=200)


class ActorProposalForm(forms.ModelForm):
    """A trainee's proposal for the register, in the language they write in; a trainer completes the
    other language before approving it."""

    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Actor
        fields = [
            "name",
            "acronym",
            "kind",
            "country",
            "role",
            "contact_role",
            "contact_email",
            "contact_phone",
            "website",
        ]
        widgets = {"role": forms.Textarea(attrs={"rows": 3})}

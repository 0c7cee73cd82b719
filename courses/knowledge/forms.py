from django import forms
from django.utils.translation import gettext_lazy as _

from .models import OteRole


class FundingProposalForm(forms.Form):
    """A trainee proposes a funding source, in the language they are reading in."""

    name = forms.CharField(label=_("Name of the funding source"), max_length=200)
    country_or_agency = forms.CharField(label=_("Country or agency"), max_length=200)
    funds = forms.CharField(
        label=_("What it funds"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    ote_role = forms.ChoiceField(label=_("Possible role of the OTE"), choices=OteRole.choices)
    source_url = forms.URLField(
        label=_("Address of the source"),
        max_length=500,
        assume_scheme="https",
        error_messages={"required": _("Please give the address where you read about this funding source.")},
    )

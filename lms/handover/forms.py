from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import TrainingPlanPage


class RerunForm(forms.Form):
    """Run a training plan again: for which new cohort, and how many days later."""

    plan = forms.ModelChoiceField(
        label=_("Training plan to run again"), queryset=TrainingPlanPage.objects.all()
    )
    cohort_name = forms.CharField(label=_("Name of the new cohort"), max_length=150)
    offset_days = forms.IntegerField(
        label=_("Move every date by (days)"),
        min_value=1,
        max_value=3650,
        help_text=_(
            "Every date moves by this many days: the plan's period, the workshops, the tests' opening "
            "and closing, the assignments' due dates and the questionnaires' dates."
        ),
    )

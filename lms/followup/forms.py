"""The trainee's follow-up forms (commitment, check-in, profile) and the trainer's coaching form."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from home.people import display_name

from ..models import CheckInStatus, CoachingSession, Institution, Sex, TraineeProfile
from .checkins import check_evidence, evidence_extensions

RATING_CHOICES = [(level, str(level)) for level in range(1, 6)]


class CompetenceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name  # the current language's name (modeltranslation)


class CommitmentForm(forms.Form):
    action = forms.CharField(
        label=_("What I will do"),
        max_length=300,
        help_text=_("One concrete action, for example: present the EU funding calendar to my unit."),
    )
    due_on = forms.DateField(
        label=_("By when"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    competence = CompetenceChoiceField(label=_("Competence it puts into practice"), queryset=None)
    done_when = forms.CharField(
        label=_("How I will know it is done"),
        max_length=300,
        help_text=_("What will show it: a meeting held, a note sent, a contact made…"),
    )

    def __init__(self, *args, competences, workshop_day: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competence"].queryset = competences
        self.workshop_day = workshop_day

    def clean_due_on(self):
        due = self.cleaned_data["due_on"]
        if due <= self.workshop_day:
            raise forms.ValidationError(_("Choose a date after the workshop."))
        if (due - self.workshop_day).days > 366:
            raise forms.ValidationError(_("Choose a date within a year of the workshop."))
        return due


class EvidenceField(forms.FileField):
    def validate(self, value):
        super().validate(value)
        if value:
            check_evidence(value)


class CheckInForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Where does this commitment stand?"), choices=CheckInStatus.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Evidence: what was done, or what blocks it"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    evidence = EvidenceField(label=_("Evidence: a file (optional)"), required=False)
    self_rating = forms.TypedChoiceField(
        label=_("My level in this competence now (1 to 5)"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    coaching_requested = forms.BooleanField(label=_("I would like a coaching session"), required=False)

    def __init__(self, *args, competence=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = _("Accepted: %(types)s, at most 10 MB.") % {
            "types": ", ".join(evidence_extensions())
        }
        if competence is not None:
            self.fields["self_rating"].choices = [
                (
                    level,
                    f"{level}: {text}" if (text := getattr(competence, f"level_{level}", "")) else str(level),
                )
                for level in range(1, 6)
            ]

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("note") or "").strip() and not cleaned.get("evidence") and not self.errors:
            raise forms.ValidationError(_("Give a note or a file as evidence."))
        return cleaned


class TraineeProfileForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "I agree that these details are used, only as group figures, to break down the training's "
            "evaluation (by sex and institution)."
        ),
        error_messages={"required": _("Tick the box to give these details, or leave the page.")},
    )

    class Meta:
        model = TraineeProfile
        fields = ["institution", "unit", "function", "sex"]
        widgets = {"institution": forms.RadioSelect, "sex": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].choices = [("", _("Not stated")), *Institution.choices]
        self.fields["sex"].choices = [("", _("Not stated")), *Sex.choices]


class CoachingSessionForm(forms.ModelForm):
    class Meta:
        model = CoachingSession
        fields = ["trainee", "held_on", "duration_minutes", "topics", "next_step"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "topics": forms.Textarea(attrs={"rows": 3}),
            "next_step": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, trainees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainee"].queryset = trainees
        self.fields["trainee"].label_from_instance = _person


def _person(user) -> str:
    return display_name(user)

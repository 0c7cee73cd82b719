"""Forms of the assignment step: the trainee's work (text, file or, for a structured template, the
template's own form from `courses.worksheets.worksheet_form`), the trainer's rubric feedback.

The feedback form is built from the rubric, one radio group and one comment per criterion, like
`wagtail.contrib.forms.forms.FormBuilder` builds a form from its fields.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.uploads import check_document

from .assignments import MAX_TEXT_LENGTH, MarkInput, levels_of
from .models.assignments import Decision, SubmissionMode

ACTION_SAVE = "save"
ACTION_SUBMIT = "submit"


class WorkForm(forms.Form):
    """The draft: a text, or a document, as the assignment asks."""

    text = forms.CharField(
        label=_("Your work"),
        required=False,
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 14}),
    )
    file = forms.FileField(
        label=_("Your document (PDF, DOCX or ODT, 5 MB at most)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt"}),
    )
    action = forms.ChoiceField(
        choices=[(ACTION_SAVE, ACTION_SAVE), (ACTION_SUBMIT, ACTION_SUBMIT)], required=False
    )

    def __init__(self, *args, mode: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.mode = mode
        if mode != SubmissionMode.TEXT:
            del self.fields["text"]
        if mode != SubmissionMode.FILE:
            del self.fields["file"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            check_document(upload)
        return upload

    @property
    def submitting(self) -> bool:
        return self.cleaned_data.get("action") == ACTION_SUBMIT


def level_field_name(criterion) -> str:
    return f"level_{criterion.pk}"


def comment_field_name(criterion) -> str:
    return f"comment_{criterion.pk}"


ACTION_DRAFT = "draft"
FEEDBACK_ACTIONS = [
    (ACTION_DRAFT, _("Save as draft")),
    (Decision.RETURN, Decision.RETURN.label),
    (Decision.ACCEPT, Decision.ACCEPT.label),
]


class FeedbackForm(forms.Form):
    """One level and one comment per criterion, an overall comment, and what to do with it."""

    overall_comment = forms.CharField(
        label=_("Overall comment"),
        required=False,
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    action = forms.ChoiceField(choices=FEEDBACK_ACTIONS)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[level_field_name(criterion)] = forms.TypedChoiceField(
                label=criterion.title,
                choices=[
                    (number, f"{descriptor} ({points})")
                    for number, descriptor, points in levels_of(criterion)
                ],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[comment_field_name(criterion)] = forms.CharField(
                label=_("Comment on « %(criterion)s »") % {"criterion": criterion.title},
                required=False,
                max_length=MAX_TEXT_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        """Each criterion with its two bound fields, for the template."""
        return [
            (criterion, self[level_field_name(criterion)], self[comment_field_name(criterion)])
            for criterion in self.criteria
        ]

    def marks(self) -> dict[int, MarkInput]:
        return {
            criterion.pk: MarkInput(
                level=self.cleaned_data.get(level_field_name(criterion)) or None,
                comment=self.cleaned_data.get(comment_field_name(criterion), ""),
            )
            for criterion in self.criteria
        }

    @property
    def decision(self) -> str:
        action = self.cleaned_data.get("action")
        return action if action in Decision.values else ""

    @property
    def releasing(self) -> bool:
        return bool(self.decision)

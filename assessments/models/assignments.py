"""Assignments: a course step where the trainee hands in a piece of work and the trainer answers it
with a rubric (or comments only), returns it for revision or accepts it.

A `Submission` is the trainee's work on one assignment: the draft being written and where it
stands. Each "Soumettre pour retour" freezes the draft into a numbered, dated `SubmissionVersion`,
a record that is never changed afterwards (the model refuses, and so does the database). The
trainer's `Feedback` on a version is drafted, then released; once released it is a record too.
The rules live in `assessments.assignments`.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from courses.panels import TranslationStatusPanel
from courses.steps import CourseStepMixin, register_step_type
from home.panels import LabelledInlinePanel

from ..forms import AssignmentPageForm

# A rubric has three or four levels per criterion; the fourth is left empty for three (the admin's
# form refuses fewer: `assessments.forms.AssignmentPageForm`).
RUBRIC_LEVELS = range(1, 5)
MIN_RUBRIC_LEVELS = 3


class SubmissionMode(models.TextChoices):
    TEXT = "text", _("Written text")
    FILE = "file", _("A file (PDF, DOCX or ODT, 5 MB at most)")
    # Reserved for the structured templates (advocacy plan, country sheet): their values go to `values`.
    TEMPLATE = "template", _("Structured template")


@register_step_type
class AssignmentPage(CourseStepMixin, RoutablePageMixin, Page):
    """An assignment step: a brief, a rubric, a due date; work handed in, returned, revised, accepted."""

    step_abbreviation = pgettext_lazy("abbreviation of assignment in a column heading", "A")
    base_form_class = AssignmentPageForm

    instructions = RichTextField(
        _("instructions"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    due_at = models.DateTimeField(_("due date"), null=True, blank=True)
    competences = ParentalManyToManyField(
        "courses.Competence", verbose_name=_("competences shown by this work"), blank=True
    )
    submission_mode = models.CharField(
        _("submission"), max_length=10, choices=SubmissionMode.choices, default=SubmissionMode.TEXT
    )
    comments_only = models.BooleanField(
        _("comments only"),
        default=False,
        help_text=_("No rubric: the trainer answers with comments, and no score is given."),
    )
    worksheet_template = models.ForeignKey(
        "courses.WorksheetTemplate",
        verbose_name=_("worksheet template"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The structured template the trainee fills in, when the submission is a template."),
    )
    max_revisions = models.PositiveSmallIntegerField(
        _("revisions allowed"),
        default=2,
        validators=[MaxValueValidator(20)],
        help_text=_("How many times the work may be handed in again after the first submission."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("instructions"),
        LabelledInlinePanel(
            "criteria", label=_("Criterion"), heading=_("Rubric"), add_label=_("Add a criterion")
        ),
        TranslationStatusPanel(),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("submission_mode"), FieldPanel("due_at")]),
                FieldPanel("worksheet_template"),
                FieldRowPanel([FieldPanel("max_revisions"), FieldPanel("comments_only")]),
                FieldPanel("competences"),
            ],
            heading=_("Assignment rules"),
        ),
        *Page.settings_panels,
    ]

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def clean(self) -> None:
        super().clean()
        if self.submission_mode == SubmissionMode.TEMPLATE and self.worksheet_template_id is None:
            raise ValidationError(
                {"worksheet_template": _("Choose the worksheet template the trainee will fill in.")}
            )

    @property
    def has_rubric(self) -> bool:
        return not self.comments_only

    @path("")
    def overview(self, request, *, step_context):
        from ..assignment_views import assignment_overview

        return assignment_overview(request, assignment=self, step_context=step_context)

    @path("save/")
    def save_work(self, request, *, step_context):
        from ..assignment_views import save_work_view

        return save_work_view(request, assignment=self, step_context=step_context)

    @path("version/<int:number>/")
    def version(self, request, number, *, step_context):
        from ..assignment_views import version_view

        return version_view(request, assignment=self, number=number)

    @path("version/<int:number>/file/")
    def version_file(self, request, number, *, step_context):
        from ..assignment_views import version_file_view

        return version_file_view(request, assignment=self, number=number)


class RubricCriterion(Orderable):
    """One criterion of an assignment's rubric, with what each level looks like and its points."""

    assignment = ParentalKey(AssignmentPage, on_delete=models.CASCADE, related_name="criteria")
    title = models.CharField(_("criterion"), max_length=200)
    level_1 = models.TextField(_("level 1"), blank=True)
    level_2 = models.TextField(_("level 2"), blank=True)
    level_3 = models.TextField(_("level 3"), blank=True)
    level_4 = models.TextField(_("level 4"), blank=True, help_text=_("Leave empty for a three-level rubric."))
    points_1 = models.PositiveSmallIntegerField(_("points, level 1"), default=0)
    points_2 = models.PositiveSmallIntegerField(_("points, level 2"), default=1)
    points_3 = models.PositiveSmallIntegerField(_("points, level 3"), default=2)
    points_4 = models.PositiveSmallIntegerField(_("points, level 4"), default=3)

    panels = [
        FieldPanel("title"),
        *[FieldRowPanel([FieldPanel(f"level_{n}"), FieldPanel(f"points_{n}")]) for n in RUBRIC_LEVELS],
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")

    def __str__(self) -> str:
        return self.title


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting feedback")
    RETURNED = "returned", _("Returned for revision")
    ACCEPTED = "accepted", _("Accepted")


# Each file in a folder of its own, named by a random token: the person's file name is kept as it
# was (shown and downloaded under it) and no address can be guessed from another.
def _draft_file_path(instance, filename: str) -> str:
    token = secrets.token_urlsafe(12)
    return f"submissions/{instance.assignment_id}/{instance.user_id}/draft/{token}/{filename}"


def _version_file_path(instance, filename: str) -> str:
    token = secrets.token_urlsafe(12)
    return f"submissions/{instance.submission_id}/v{instance.number}/{token}/{filename}"


class Submission(models.Model):
    """One trainee's work on one assignment: the draft and where it stands. One row per pair."""

    assignment = models.ForeignKey(AssignmentPage, on_delete=models.CASCADE, related_name="submissions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignment_submissions"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(_("file"), upload_to=_draft_file_path, blank=True, max_length=255)
    values = models.JSONField(_("template values"), default=dict, blank=True)
    saved_at = models.DateTimeField(_("draft saved"), null=True, blank=True)
    reopened_at = models.DateTimeField(
        _("reopened"), null=True, blank=True, help_text=_("One more submission allowed by the trainer.")
    )
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "user"], name="one_submission_per_assignment_and_user"
            )
        ]
        indexes = [models.Index(fields=["status"], name="submission_status")]

    def __str__(self) -> str:
        return f"{self.assignment_id}/{self.user_id}"

    @property
    def file_name(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""


class RecordQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("A submitted version is a record: it cannot be changed."))


class SubmissionVersion(models.Model):
    """A version as it was handed in: numbered, dated, never changed (a database trigger refuses
    any UPDATE of its row, see the migration)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"), validators=[MinValueValidator(1)])
    submitted_at = models.DateTimeField(_("submitted"))
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(_("file"), upload_to=_version_file_path, blank=True, max_length=255)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    values = models.JSONField(_("template values"), default=dict, blank=True)
    # The template as it read when this version was handed in: later edits never change what it shows.
    # Nullable without default: adding them leaves the table (and its record trigger) as it is in SQLite.
    template_titles = models.JSONField(_("template title"), null=True, blank=True)
    template_structure = models.JSONField(_("template sections"), null=True, blank=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        ordering = ["submission", "number"]
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        constraints = [
            models.UniqueConstraint(fields=["submission", "number"], name="one_version_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.submission_id}#{self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("A submitted version is a record: it cannot be changed."))
        super().save(*args, **kwargs)


class Decision(models.TextChoices):
    RETURN = "return", _("Return for revision")
    ACCEPT = "accept", _("Accept")


class Feedback(models.Model):
    """The trainer's answer to one version: drafted, then released (a record from then on)."""

    version = models.OneToOneField(SubmissionVersion, on_delete=models.CASCADE, related_name="feedback")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    overall_comment = models.TextField(_("overall comment"), blank=True)
    decision = models.CharField(_("decision"), max_length=6, choices=Decision.choices, blank=True)
    points = models.PositiveSmallIntegerField(_("points"), null=True, blank=True)
    max_points = models.PositiveSmallIntegerField(_("out of"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last saved"))
    released_at = models.DateTimeField(_("released"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.version}"

    @property
    def is_released(self) -> bool:
        return self.released_at is not None

    @property
    def outcome_label(self) -> str:
        """The decision as the trainee reads it: "Accepted", "Returned for revision"."""
        if self.decision == Decision.ACCEPT:
            return SubmissionStatus.ACCEPTED.label
        if self.decision == Decision.RETURN:
            return SubmissionStatus.RETURNED.label
        return ""


class CriterionMark(models.Model):
    """The level chosen on one criterion, with its points as they stood and a comment (a criterion
    removed from the rubric later leaves its mark, points and comment)."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="marks")
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.SET_NULL, null=True, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    level = models.PositiveSmallIntegerField(
        _("level"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    points = models.PositiveSmallIntegerField(_("points"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["feedback", "position"]
        verbose_name = _("criterion mark")
        verbose_name_plural = _("criterion marks")
        constraints = [
            models.UniqueConstraint(fields=["feedback", "criterion"], name="one_mark_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.feedback_id}:{self.criterion_id}={self.level}"

"""Questionnaires: the needs assessment, workshop satisfaction surveys and their items, responses and
answers (named or anonymous, with participation kept apart), and the meeting minutes of the results.

The models are declarative. What an item's kind means (its form fields, the answer kept, its
results, export cells and the author's checks) is in `assessments/questionnaire_kinds.py`; answering
in `assessments/questionnaires.py`; results in `assessments/survey_results.py`; minutes in
`assessments/minutes.py`."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from courses.panels import TranslationStatusPanel
from home.panels import LabelledInlinePanel

from ..availability import is_open
from ..forms import QuestionnairePageForm


class Anonymity(models.TextChoices):
    NAMED = "named", _("Named: reviewers see who answered what")
    ANONYMOUS = "anonymous", _("Anonymous: answers are not linked to the person")


class QuestionnairePurpose(models.TextChoices):
    NEEDS_ASSESSMENT = "needs", _("Needs assessment")
    SATISFACTION = "satisfaction", _("Satisfaction survey")
    OTHER = "other", _("Other")


class ItemKind(models.TextChoices):
    COMPETENCE_RATING = "competence", _("Competence self-rating (level and importance)")
    SINGLE_CHOICE = "single", _("Single choice")
    MULTIPLE_CHOICE = "multiple", _("Multiple choice")
    RATING = "rating", _("Rating scale")
    FREE_TEXT = "text", _("Free text")
    RANKING = "ranking", _("Ranking: my top 3 competences")
    AVAILABILITY = "availability", _("Availability (dates, format)")


# Anonymous results show no figure and no free text below this many responses.
ANONYMITY_THRESHOLD = 5


class QuestionnairePage(RoutablePageMixin, Page):
    introduction = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    purpose = models.CharField(
        _("purpose"),
        max_length=12,
        choices=QuestionnairePurpose.choices,
        default=QuestionnairePurpose.NEEDS_ASSESSMENT,
    )
    anonymity = models.CharField(
        _("anonymity"),
        max_length=10,
        choices=Anonymity.choices,
        default=Anonymity.NAMED,
        help_text=_("Cannot be changed once the first response exists."),
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who is expected to answer. Empty: every trainee."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        LabelledInlinePanel(
            "items", label=_("Question"), heading=_("Questions"), add_label=_("Add a question")
        ),
        TranslationStatusPanel(),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldPanel("purpose"),
                FieldPanel("anonymity"),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("cohort"),
            ],
            heading=_("Questionnaire rules"),
        ),
        *Page.settings_panels,
    ]
    base_form_class = QuestionnairePageForm
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    @property
    def is_anonymous(self) -> bool:
        return self.anonymity == Anonymity.ANONYMOUS

    def is_open(self, now=None) -> bool:
        return is_open(opens_at=self.opens_at, closes_at=self.closes_at, now=now or timezone.now())

    @path("")
    def answer(self, request):
        from ..questionnaire_views import answer_view

        return answer_view(request, questionnaire=self)

    @path("thanks/")
    def thanks(self, request):
        from ..questionnaire_views import thanks_view

        return thanks_view(request, questionnaire=self)


class QuestionnaireItem(Orderable):
    """One question of a questionnaire, of a kind handled by `questionnaire_kinds.handler_for(kind)`.
    Options are one per line, in the same order in each language."""

    questionnaire = ParentalKey(QuestionnairePage, on_delete=models.CASCADE, related_name="items")
    section = models.CharField(
        _("new section title"),
        max_length=200,
        blank=True,
        help_text=_("Fill in to start a new section with this question."),
    )
    kind = models.CharField(
        _("type"), max_length=12, choices=ItemKind.choices, default=ItemKind.SINGLE_CHOICE
    )
    label = models.CharField(_("question"), max_length=500, blank=True)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=True)
    competence = models.ForeignKey(
        "courses.Competence",
        verbose_name=_("competence"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("For a competence self-rating."),
    )
    options = models.TextField(
        _("options"), blank=True, help_text=_("One per line, for choices and availability.")
    )
    scale_max = models.PositiveSmallIntegerField(_("scale maximum"), default=5)

    panels = [
        FieldPanel("section"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("competence"),
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("options"),
        FieldPanel("scale_max"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("questionnaire question")
        verbose_name_plural = _("questionnaire questions")

    def __str__(self) -> str:
        return self.label or str(self.competence or self.get_kind_display())

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Response(models.Model):
    """A set of answers.

    A draft is linked to its respondent. A submitted anonymous response is linked to nobody, and its
    row is re-written with the questionnaire's other anonymous responses in a random order at every
    submission (`assessments/questionnaires.py`), so that its id, its place in the table and its
    answers' ids say nothing of when, or by whom, it was given.
    """

    questionnaire = models.ForeignKey(QuestionnairePage, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT)
    # Dates only, never times: a time could tie an anonymous response to a person.
    submitted_on = models.DateField(null=True, blank=True)
    # Anonymous results once shown are frozen: a response joins them only with at least
    # ANONYMITY_THRESHOLD others (assessments/survey_results.py::release_results).
    released = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "respondent"],
                condition=models.Q(respondent__isnull=False),
                name="one_linked_response_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire_id}#{self.pk}"


class Participation(models.Model):
    """That a person has submitted a questionnaire: no date, and nothing of what they answered.

    An anonymous questionnaire's participations are re-written in a random order at every
    submission, like its responses, so that their order does not pair up with the responses' dates.
    """

    questionnaire = models.ForeignKey(
        QuestionnairePage, on_delete=models.CASCADE, related_name="participations"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "user"], name="one_participation_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire_id}:{self.user_id}"


class ItemAnswer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(QuestionnaireItem, on_delete=models.CASCADE, related_name="answers")
    number = models.PositiveSmallIntegerField(null=True, blank=True)  # level, rating, option index
    importance = models.PositiveSmallIntegerField(null=True, blank=True)
    # Option indexes (choices, availability) or competence ids in rank order (ranking).
    selection = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "item"], name="one_answer_per_item")]

    def __str__(self) -> str:
        return f"{self.response_id}:{self.item_id}"


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")


class AdoptedMinutesAreFinal(ValidationError):
    """Raised on any attempt to change or delete adopted minutes: a correction is a new version."""

    def __init__(self):
        super().__init__(
            _("These minutes have been adopted and can no longer be changed: start a correction instead."),
            code="adopted",
        )


class MeetingMinutes(models.Model):
    """One version of the minutes ("compte rendu") of the meeting where the task force reviewed a
    questionnaire. A draft is written, then adopted: adopted minutes are a record, frozen with the
    figures they showed (`snapshot`) and never changed again; a correction is a new version.
    The rules live in `assessments/minutes.py`."""

    questionnaire = models.ForeignKey(
        QuestionnairePage,
        on_delete=models.CASCADE,
        related_name="minutes_versions",
        verbose_name=_("questionnaire"),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    meeting_date = models.DateField(_("meeting date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.TextField(_("participants"), help_text=_("One per line: name and role."))
    summary = models.TextField(_("summary of the discussion"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    priority_competences = models.ManyToManyField(
        "courses.Competence", verbose_name=_("priority competences agreed"), blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adopted_at = models.DateTimeField(_("adopted on"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("adopted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # the name stays in the snapshot
        related_name="+",
    )
    # What the adopted minutes showed, per language: questionnaire title, agreed competences and the
    # questionnaire's figures as of the meeting date (written once, by `adopt_minutes`).
    snapshot = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("meeting minutes")
        verbose_name_plural = _("meeting minutes")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "version"], name="one_minutes_per_version"),
            models.UniqueConstraint(
                fields=["questionnaire"],
                condition=models.Q(status="draft"),
                name="one_draft_of_the_minutes",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(adopted_at__isnull=False),
                name="adopted_minutes_have_a_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} (v{self.version})"

    def save(self, *args, **kwargs):
        # The last line of defence for every path (review area, shell, admin, replayed POST):
        # the rules in assessments/minutes.py refuse first, with a message.
        if self._adopted_in_database():
            raise AdoptedMinutesAreFinal
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._adopted_in_database():
            raise AdoptedMinutesAreFinal
        return super().delete(*args, **kwargs)

    @property
    def is_adopted(self) -> bool:
        return self.status == MinutesStatus.ADOPTED

    @property
    def participant_list(self) -> list[str]:
        return [line.strip() for line in (self.participants or "").splitlines() if line.strip()]

    def _adopted_in_database(self) -> bool:
        return (
            bool(self.pk) and MeetingMinutes.objects.filter(pk=self.pk, status=MinutesStatus.ADOPTED).exists()
        )

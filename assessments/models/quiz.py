from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from courses.panels import TranslationStatusPanel
from courses.steps import CourseStepMixin, register_step_type
from home.panels import LabelledInlinePanel

from ..availability import is_open
from ..forms import QuizPageForm
from ..scoring import GradingMethod


class QuizPurpose(models.TextChoices):
    PRACTICE = "practice", _("Practice")
    GRADED = "graded", _("Graded")
    PRE_TEST = "pre_test", _("Pre-test")
    POST_TEST = "post_test", _("Post-test")


class ReviewContent(models.TextChoices):
    SCORE = "score", _("Score only")
    FULL = "full", _("Score, correct answers and feedback")


class ReviewTiming(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately after submission")
    AFTER_CLOSE = "after_close", _("After the quiz closes")


@register_step_type
class QuizPage(CourseStepMixin, RoutablePageMixin, Page):
    """A quiz step: questions from the bank, attempts scored on the server."""

    step_abbreviation = pgettext_lazy("abbreviation of quiz in a column heading", "Q")

    introduction = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    purpose = models.CharField(
        _("purpose"), max_length=12, choices=QuizPurpose.choices, default=QuizPurpose.GRADED
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=60, validators=[MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"),
        default=0,
        help_text=_("0 means unlimited. A pre-test always allows one attempt."),
    )
    grading_method = models.CharField(
        _("grading method"), max_length=10, choices=GradingMethod.choices, default=GradingMethod.HIGHEST
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no time limit."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(
        _("shuffle choices"),
        default=True,
        help_text=_("Each attempt shows the choices in a new order; true/false keeps its order."),
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    review_content = models.CharField(
        _("after submission, show"), max_length=8, choices=ReviewContent.choices, default=ReviewContent.FULL
    )
    review_timing = models.CharField(
        _("review available"), max_length=12, choices=ReviewTiming.choices, default=ReviewTiming.IMMEDIATELY
    )
    paired_pre_test = models.ForeignKey(
        "self",
        verbose_name=_("paired pre-test"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="paired_post_tests",
        limit_choices_to={"purpose": QuizPurpose.PRE_TEST},
        help_text=_("For a post-test: the pre-test it is compared with to measure knowledge gain."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        LabelledInlinePanel(
            "slots", label=_("Question"), heading=_("Questions"), add_label=_("Add a question")
        ),
        TranslationStatusPanel(),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("purpose"), FieldPanel("pass_mark")]),
                FieldRowPanel([FieldPanel("max_attempts"), FieldPanel("grading_method")]),
                FieldPanel("time_limit_minutes"),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldRowPanel([FieldPanel("review_content"), FieldPanel("review_timing")]),
                FieldPanel("paired_pre_test"),
            ],
            heading=_("Quiz rules"),
        ),
        *Page.settings_panels,
    ]
    base_form_class = QuizPageForm

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def is_open(self, now=None) -> bool:
        return is_open(opens_at=self.opens_at, closes_at=self.closes_at, now=now or timezone.now())

    @path("")
    def overview(self, request, *, step_context):
        from ..views import quiz_overview

        return quiz_overview(request, context=step_context)

    @path("start/")
    def start(self, request, *, step_context):
        from ..views import start_attempt_view

        return start_attempt_view(request, quiz=self)

    @path("attempt/<int:attempt_id>/")
    def attempt(self, request, attempt_id, *, step_context):
        from ..views import attempt_view

        return attempt_view(request, quiz=self, attempt_id=attempt_id)

    @path("attempt/<int:attempt_id>/review/")
    def review(self, request, attempt_id, *, step_context):
        from ..views import review_view

        return review_view(request, context=step_context, attempt_id=attempt_id)


class QuizSlot(Orderable):
    """One place in a quiz: a given question, or N random questions of a competence."""

    quiz = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="slots")
    question = models.ForeignKey(
        "assessments.Question", verbose_name=_("question"), null=True, blank=True, on_delete=models.CASCADE
    )
    random_count = models.PositiveSmallIntegerField(_("number of random questions"), null=True, blank=True)
    random_competence = models.ForeignKey(
        "courses.Competence",
        verbose_name=_("of the competence"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )

    panels = [
        FieldPanel("question"),
        FieldRowPanel([FieldPanel("random_count"), FieldPanel("random_competence")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")

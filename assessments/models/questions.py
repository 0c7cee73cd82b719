from html import unescape

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from home.languages import default_language, language_choices
from home.panels import LabelledInlinePanel

from ..forms import QuestionAdminForm
from ..scoring import QuestionKind

STEM_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class Question(index.Indexed, ClusterableModel):
    """A question of the bank. Its structure (choices, correctness) is shared by both languages."""

    key = models.SlugField(
        _("key"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Optional stable identifier."),
    )
    kind = models.CharField(
        _("type"), max_length=12, choices=QuestionKind.choices, default=QuestionKind.SINGLE
    )
    stem = RichTextField(_("question"), features=STEM_FEATURES)
    general_feedback = RichTextField(
        _("general feedback"),
        blank=True,
        features=STEM_FEATURES,
        help_text=_("Shown after submission when the review policy allows it."),
    )
    competence = models.ForeignKey(
        "courses.Competence",
        verbose_name=_("competence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("competence")]),
        FieldPanel("stem"),
        LabelledInlinePanel(
            "choices",
            label=_("Choice"),
            heading=_("Choices (choice questions)"),
            add_label=_("Add a choice"),
        ),
        LabelledInlinePanel(
            "accepted_answers",
            label=_("Accepted answer"),
            heading=_("Accepted answers (short answer)"),
            add_label=_("Add an accepted answer"),
        ),
        FieldPanel("general_feedback"),
        MultiFieldPanel([FieldPanel("key")], heading=_("Advanced"), classname="collapsed"),
    ]
    search_fields = [index.SearchField("stem"), index.FilterField("kind")]
    base_form_class = QuestionAdminForm

    class Meta:
        ordering = ["pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        # The stem's text: tags stripped and entities decoded, so that it is escaped once where shown.
        return Truncator(unescape(strip_tags(self.stem))).chars(90)


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("text"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback = models.CharField(_("feedback"), max_length=500, blank=True)

    panels = [FieldPanel("text"), FieldPanel("is_correct"), FieldPanel("feedback")]

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self) -> str:
        return self.text


class AcceptedAnswer(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="accepted_answers")
    language = models.CharField(
        _("language"), max_length=2, choices=language_choices, default=default_language
    )
    text = models.CharField(_("answer"), max_length=200)

    panels = [FieldRowPanel([FieldPanel("language"), FieldPanel("text")])]

    class Meta(Orderable.Meta):
        verbose_name = _("accepted answer")
        verbose_name_plural = _("accepted answers")

    def __str__(self) -> str:
        return self.text

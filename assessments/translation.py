from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import (
    AssignmentPage,
    Choice,
    MeetingMinutes,
    Question,
    QuestionnaireItem,
    QuestionnairePage,
    QuizPage,
    RubricCriterion,
)


@register(Question)
class QuestionTR(TranslationOptions):
    fields = ("stem", "general_feedback")


@register(Choice)
class ChoiceTR(TranslationOptions):
    fields = ("text", "feedback")


@register(QuizPage)
class QuizPageTR(TranslationOptions):
    fields = ("introduction",)


@register(QuestionnairePage)
class QuestionnairePageTR(TranslationOptions):
    fields = ("introduction",)


@register(QuestionnaireItem)
class QuestionnaireItemTR(TranslationOptions):
    fields = ("section", "label", "help_text", "options")


@register(MeetingMinutes)
class MeetingMinutesTR(TranslationOptions):
    fields = ("place", "participants", "summary", "decisions")


@register(AssignmentPage)
class AssignmentPageTR(TranslationOptions):
    fields = ("instructions",)


@register(RubricCriterion)
class RubricCriterionTR(TranslationOptions):
    fields = ("title", "level_1", "level_2", "level_3", "level_4")

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import Choice, Question, QuizPage


@register(Question)
class QuestionTR(TranslationOptions):
    fields = ("stem", "general_feedback")


@register(Choice)
class ChoiceTR(TranslationOptions):
    fields = ("text", "feedback")


@register(QuizPage)
class QuizPageTR(TranslationOptions):
    fields = ("introduction",)

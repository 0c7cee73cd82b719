from .attempts import Attempt, AttemptQuestion
from .questionnaires import (
    ItemAnswer,
    MeetingMinutes,
    Participation,
    QuestionnaireItem,
    QuestionnairePage,
    Response,
)
from .questions import AcceptedAnswer, Choice, Question
from .quiz import QuizPage, QuizSlot

__all__ = [
    "AcceptedAnswer",
    "Attempt",
    "AttemptQuestion",
    "Choice",
    "ItemAnswer",
    "MeetingMinutes",
    "Participation",
    "QuestionnaireItem",
    "QuestionnairePage",
    "Response",
    "Question",
    "QuizPage",
    "QuizSlot",
]

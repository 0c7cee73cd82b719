from .attempts import Attempt, AttemptQuestion
from .questions import AcceptedAnswer, Choice, Question
from .quiz import QuizPage, QuizSlot

__all__ = [
    "AcceptedAnswer",
    "Attempt",
    "AttemptQuestion",
    "Choice",
    "Question",
    "QuizPage",
    "QuizSlot",
]

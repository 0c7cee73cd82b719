from .assignments import (
    AssignmentPage,
    CriterionMark,
    Feedback,
    RubricCriterion,
    Submission,
    SubmissionVersion,
)
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
    "AssignmentPage",
    "CriterionMark",
    "Feedback",
    "RubricCriterion",
    "Submission",
    "SubmissionVersion",
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

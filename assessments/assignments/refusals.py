"""The refusals of the assignments' rules: each one says, in the person's language, why nothing
was done."""

from django.utils.translation import gettext_lazy as _

from courses.worksheets import Problem
from home.refusals import Refusal


class AssignmentError(Refusal):
    """A refusal the person must be told about, in their language."""


class NotEditable(AssignmentError):
    message = _("This work is with your trainer or already accepted: it cannot be changed now.")


class NothingToSubmit(AssignmentError):
    message = _("Write your work or attach your file before submitting it.")


class PastDueDate(AssignmentError):
    message = _("The due date has passed: ask your trainer to reopen the assignment.")


class NoRevisionsLeft(AssignmentError):
    message = _("You have used all the revisions allowed: ask your trainer to reopen the assignment.")


class WorksheetIncomplete(AssignmentError):
    """A template submission that the template's rules refuse; `problems` says what is missing."""

    message = _("Your worksheet is not complete yet: complete the points listed below, then submit it.")

    def __init__(self, problems: list[Problem]):
        super().__init__()
        self.problems = problems


class NotAwaitingFeedback(AssignmentError):
    message = _("This version is not awaiting feedback: nothing was changed.")


class FeedbackReleased(AssignmentError):
    message = _("This feedback has already been released: it cannot be changed.")


class LevelMissing(AssignmentError):
    message = _("Choose a level for every criterion before releasing the feedback.")


class DecisionMissing(AssignmentError):
    message = _("Choose whether to return the work for revision or to accept it.")


class NotReopenable(AssignmentError):
    message = _("Only returned work can be reopened.")

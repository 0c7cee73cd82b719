"""A refusal the person must be told about: an exception whose text is its translated `message`,
shown in the language active when it is displayed. Each domain subclasses it with its own default
message (a quiz attempt, a questionnaire response, attendance, an approval decision)."""

from django.utils.translation import gettext_lazy as _


class Refusal(Exception):
    message = _("This action is not possible.")

    def __str__(self) -> str:
        return str(self.message)

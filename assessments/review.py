"""What the review of a submitted attempt teaches, question by question, once answers may be shown:
each choice marked as the trainee's right or wrong pick or as a missed correct answer, with the
trainer's feedback on it, and for short answers the accepted answers of the page's language."""

from dataclasses import dataclass
from enum import StrEnum

from .attempt_forms import ShownQuestion
from .models import AcceptedAnswer, Choice


class Mark(StrEnum):
    RIGHT_PICK = "right_pick"  # chosen and correct
    WRONG_PICK = "wrong_pick"  # chosen and not correct
    MISSED = "missed"  # correct, not chosen
    NONE = "none"  # neither chosen nor correct


@dataclass(frozen=True)
class ReviewChoice:
    choice: Choice
    picked: bool
    mark: Mark


@dataclass(frozen=True)
class ReviewQuestion:
    shown: ShownQuestion
    choices: list[ReviewChoice]
    accepted: list[AcceptedAnswer]

    @property
    def is_short(self) -> bool:
        return self.shown.handler.answers_with_text

    @property
    def wrong_picks(self) -> int:
        return sum(1 for choice in self.choices if choice.mark == Mark.WRONG_PICK)


def _mark(*, picked: bool, correct: bool) -> Mark:
    if picked:
        return Mark.RIGHT_PICK if correct else Mark.WRONG_PICK
    return Mark.MISSED if correct else Mark.NONE


def accepted_in(answers: list[AcceptedAnswer], language: str) -> list[AcceptedAnswer]:
    """The accepted answers written in `language`; all of them when none is."""
    return [answer for answer in answers if answer.language == language] or answers


def review_questions(*, questions: list[ShownQuestion], language: str) -> list[ReviewQuestion]:
    """Needs selected_choices, question__choices and question__accepted_answers prefetched."""
    rows = []
    for shown in questions:
        picked = {choice.pk for choice in shown.item.selected_choices.all()}
        rows.append(
            ReviewQuestion(
                shown=shown,
                choices=[
                    ReviewChoice(
                        choice=c.choice,
                        picked=c.choice.pk in picked,
                        mark=_mark(picked=c.choice.pk in picked, correct=c.choice.is_correct),
                    )
                    for c in shown.choices
                ],
                accepted=accepted_in(list(shown.question.accepted_answers.all()), language),
            )
        )
    return rows

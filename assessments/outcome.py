"""The pass rule: one home for "has this trainee passed this quiz?" and "is the step complete?".

The rule, the same on every page (the review page, the quiz page, the trainer's results, the
progress matrix, certificates):

- The grade is the grade under the quiz's grading method over the submitted attempts, oldest first
  (`scoring.final_grade`).
- A graded quiz is passed as soon as that grade reaches the pass mark after a submitted attempt. The
  pass is recorded as the step's completion, with its date, and a later attempt never takes it back
  (nor the course completion or the certificate that follow). Every page then says "passed", beside
  the current grade under the method, which may have fallen below the pass mark since when the
  method is "last attempt" or "average grade".
- A practice quiz, a pre-test or a post-test is complete once an attempt is submitted, whatever its
  score; it is neither passed nor failed.
- Pages read the pass from the recorded completion, so they agree with the progress matrix and the
  certificates (which read completions) even after a trainer changes the pass mark or the grading
  method: a recorded pass stands, and a new one is decided at the trainee's next submission.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from courses.models import StepProgress

from .models import Attempt, QuizPage
from .models.attempts import AttemptStatus
from .models.quiz import QuizPurpose
from .scoring import final_grade


def reaches_pass_mark(*, scores: Sequence[Decimal], method: str, pass_mark: int) -> bool:
    """Whether the grade under `method` reached `pass_mark` after one of these scores (oldest first)."""
    for count in range(1, len(scores) + 1):
        grade = final_grade(scores[:count], method)
        if grade is not None and grade >= pass_mark:
            return True
    return False


def completes_step(*, quiz: QuizPage, scores: Sequence[Decimal]) -> bool:
    """Whether these submitted scores complete the quiz's step (and, for a graded quiz, pass it)."""
    if quiz.purpose != QuizPurpose.GRADED:
        return bool(scores)
    return reaches_pass_mark(scores=scores, method=quiz.grading_method, pass_mark=quiz.pass_mark)


def graded_quiz_ids(*, step_ids: list[int]) -> set[int]:
    """Among these steps, the quizzes that are passed or failed (graded: not practice, pre-test or
    post-test, which a submission completes)."""
    graded = QuizPage.objects.filter(pk__in=step_ids, purpose=QuizPurpose.GRADED)
    return set(graded.values_list("pk", flat=True))


@dataclass(frozen=True)
class QuizOutcome:
    """What every page says of one trainee on one quiz."""

    grade: Decimal | None  # under the grading method; None before a submitted attempt
    complete: bool  # the step's recorded completion
    passed: bool | None  # None: not a graded quiz (practice, pre-test, post-test)
    attempts: int  # submitted attempts


def outcome_of(*, quiz: QuizPage, scores: Sequence[Decimal], completed: bool) -> QuizOutcome:
    """The outcome from the submitted scores (oldest first) and the step's recorded completion."""
    graded = quiz.purpose == QuizPurpose.GRADED
    return QuizOutcome(
        grade=final_grade(list(scores), quiz.grading_method),
        complete=completed,
        passed=completed if graded else None,
        attempts=len(scores),
    )


def submitted_scores(*, user, quiz: QuizPage) -> list[Decimal]:
    return list(
        Attempt.objects.filter(user=user, quiz=quiz, status=AttemptStatus.SUBMITTED)
        .order_by("number")
        .values_list("score", flat=True)
    )


def trainee_outcome(*, user, quiz: QuizPage) -> QuizOutcome:
    """One trainee's outcome on one quiz (two queries)."""
    completed = StepProgress.objects.filter(user=user, page=quiz, completed_at__isnull=False).exists()
    return outcome_of(quiz=quiz, scores=submitted_scores(user=user, quiz=quiz), completed=completed)


def outcomes_by_user(*, quiz: QuizPage) -> dict[int, QuizOutcome]:
    """Every outcome on a quiz of someone with a submitted attempt, by user id (two queries)."""
    scores: dict[int, list[Decimal]] = defaultdict(list)
    for user_id, score in (
        Attempt.objects.filter(quiz=quiz, status=AttemptStatus.SUBMITTED)
        .order_by("user_id", "number")
        .values_list("user_id", "score")
    ):
        scores[user_id].append(score)
    done = StepProgress.objects.filter(page=quiz, user_id__in=list(scores), completed_at__isnull=False)
    completed = set(done.values_list("user_id", flat=True))
    return {
        user_id: outcome_of(quiz=quiz, scores=user_scores, completed=user_id in completed)
        for user_id, user_scores in scores.items()
    }

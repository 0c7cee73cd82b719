"""Rules of a pre-test / post-test pair, the measure of knowledge gain.

- A pre-test allows one attempt, whatever the quiz's "attempts allowed" says: a second try at the
  same questions measures memory of the first, not the starting point.
- A pre-test's answers (correct choices, feedback) stay hidden, the score only is shown, until the
  paired post-test is over for this trainee: every paired post-test has closed for good (its
  closing date and the late answers' grace have passed: `availability.is_closed_for_good`) or, for
  one with no closing date, the trainee has submitted it. A pre-test paired with no post-test
  keeps its answers hidden. Seeing the answers earlier would teach the post-test.
- The post-test is drawn from a parallel set of questions on the same competences: a question it
  shares with its pre-test is reported to the trainer (`shared_questions`).
"""

from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from .availability import is_closed_for_good
from .models import Attempt, Question, QuizPage
from .models.attempts import AttemptStatus
from .models.quiz import QuizPurpose

PRE_TEST_ATTEMPTS = 1


def attempt_limit(*, quiz: QuizPage) -> int:
    """Attempts a trainee may make at `quiz`; 0 means unlimited. A pre-test allows exactly one."""
    if quiz.purpose == QuizPurpose.PRE_TEST:
        return PRE_TEST_ATTEMPTS
    return quiz.max_attempts


def stored_attempt_limit(*, purpose: str, max_attempts: int) -> int | None:
    """What the quiz form stores as "attempts allowed": for a pre-test, 1 (0, "unlimited", becomes
    1), or None when the value typed must be refused; other quizzes keep what was typed."""
    if purpose != QuizPurpose.PRE_TEST:
        return max_attempts
    return PRE_TEST_ATTEMPTS if max_attempts in (0, PRE_TEST_ATTEMPTS) else None


def pre_test_answers_released(*, pre_test: QuizPage, user, now: datetime | None = None) -> bool:
    """True once every post-test paired with `pre_test` is over for `user` (see the module's rule)."""
    now = now or timezone.now()
    post_tests = list(QuizPage.objects.filter(paired_pre_test=pre_test).only("pk", "closes_at"))
    if not post_tests:
        return False
    dated = [quiz for quiz in post_tests if quiz.closes_at is not None]
    if not all(is_closed_for_good(closes_at=quiz.closes_at, now=now) for quiz in dated):
        return False  # a dated post-test may still take an answer
    undated = {quiz.pk for quiz in post_tests if quiz.closes_at is None}
    submitted = Attempt.objects.filter(quiz_id__in=undated, user=user, status=AttemptStatus.SUBMITTED)
    return set(submitted.values_list("quiz_id", flat=True)) >= undated


def answers_may_show(*, quiz: QuizPage, user, now: datetime | None = None) -> bool:
    """False while the pre/post rules keep `quiz`'s answers from `user`; other quizzes: True."""
    if quiz.purpose == QuizPurpose.PRE_TEST:
        return pre_test_answers_released(pre_test=quiz, user=user, now=now)
    return True


def shared_questions(*, post_test: QuizPage) -> list[Question]:
    """Questions named both by `post_test` and by its paired pre-test (fixed slots)."""
    if post_test.purpose != QuizPurpose.POST_TEST or post_test.paired_pre_test_id is None:
        return []
    return list(
        Question.objects.filter(
            Q(quizslot__quiz=post_test) & Q(pk__in=post_test.paired_pre_test.slots.values("question_id"))
        )
        .distinct()
        .order_by("pk")
    )

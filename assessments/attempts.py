"""The life of a quiz attempt: start (questions frozen), save, submit (scored on the server).

An attempt ends at its deadline: the end of its time limit or the quiz's closing date, whichever
comes first, the closing date being the quiz's current one (a trainer may move it). After that
(and `availability.DEADLINE_GRACE`), saving and submitting are refused and the attempt is submitted
as it stands, with the answers saved in time: when the trainee comes back, or when anyone reads the
quiz's attempts (`expire_overdue_attempts`).

Every write is atomic. A trainee's attempt starts are serialised by locking their user row, and the
database refuses a second open attempt or a duplicate attempt number, so the attempt limit holds
under concurrent requests. Submitting twice, or a stale form, changes nothing.
"""

import random
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.progress import mark_step_complete, record_step_score
from home.languages import default_language
from home.refusals import Refusal

from .availability import DEADLINE_GRACE, is_closed_for_good, is_past
from .models import Attempt, AttemptQuestion, Question, QuizPage
from .models.attempts import AttemptStatus
from .outcome import completes_step, submitted_scores
from .pre_post import answers_may_show, attempt_limit
from .question_kinds import Answer, handler_for
from .scoring import attempt_percentage, final_grade


class AttemptError(Refusal):
    """A refusal the trainee must be told about, in their language."""


class QuizClosed(AttemptError):
    message = _("This quiz is not open.")


class NoAttemptsLeft(AttemptError):
    message = _("You have used all the attempts allowed for this quiz.")


class QuizEmpty(AttemptError):
    message = _("This quiz has no question yet.")


class AlreadySubmitted(AttemptError):
    message = _("This attempt has already been submitted: nothing was changed.")


class TimeUp(AttemptError):
    message = _("The time allowed was over: the attempt was submitted with the answers saved before.")


class ClosedMeanwhile(TimeUp):
    message = _("The quiz has closed: the attempt was submitted with the answers saved before closing.")


# Starting -------------------------------------------------------------------------------------


def draw_questions(quiz: QuizPage, rng: random.Random) -> list[Question]:
    """The questions of a new attempt: fixed ones in order, random ones drawn per competence."""
    slots = list(quiz.slots.select_related("question").order_by("sort_order"))
    chosen: list[Question] = []
    taken: set[int] = set()
    for slot in slots:
        if slot.question_id:
            if slot.question_id not in taken:
                chosen.append(slot.question)
                taken.add(slot.question_id)
        elif slot.random_competence_id and slot.random_count:
            pool = list(
                Question.objects.filter(competence_id=slot.random_competence_id)
                .exclude(pk__in=taken)
                .order_by("pk")
            )
            for question in rng.sample(pool, min(slot.random_count, len(pool))):
                chosen.append(question)
                taken.add(question.pk)
    if quiz.shuffle_questions:
        rng.shuffle(chosen)
    return chosen


def _choice_order(question: Question, quiz: QuizPage, rng: random.Random) -> list[int]:
    ids = [choice.pk for choice in question.choices.all()]  # prefetched, in the author's order
    if quiz.shuffle_choices and handler_for(question.kind).shuffles_choices:
        rng.shuffle(ids)
    return ids


def attempts_used(*, user, quiz: QuizPage) -> int:
    return Attempt.objects.filter(user=user, quiz=quiz).count()


def attempts_left(*, quiz: QuizPage, used: int) -> int | None:
    """How many attempts the trainee may still start; None when unlimited."""
    limit = attempt_limit(quiz=quiz)
    return max(0, limit - used) if limit else None


def may_start(*, quiz: QuizPage, used: int, now: datetime | None = None) -> bool:
    """Whether a new attempt may be started now (the quiz is open and an attempt is left)."""
    left = attempts_left(quiz=quiz, used=used)
    return quiz.is_open(now or timezone.now()) and (left is None or left > 0)


@transaction.atomic
def start_attempt(
    *, user, quiz: QuizPage, language: str = "", now: datetime | None = None, rng=None
) -> Attempt:
    """The trainee's open attempt, or a new one if the quiz and the attempt limit allow it."""
    now = now or timezone.now()
    rng = rng or random.Random()
    get_user_model().objects.select_for_update().filter(pk=user.pk).exists()
    current = Attempt.objects.filter(user=user, quiz=quiz, status=AttemptStatus.OPEN).first()
    if current is not None and not expire_if_overdue(current, now):
        return current
    if not quiz.is_open(now):
        raise QuizClosed
    used = attempts_used(user=user, quiz=quiz)
    if not may_start(quiz=quiz, used=used, now=now):
        raise NoAttemptsLeft
    questions = draw_questions(quiz, rng)
    if not questions:
        raise QuizEmpty
    # The time limit only: the closing date is read from the quiz whenever it matters (`ends_at`).
    deadline = now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                quiz=quiz,
                user=user,
                number=used + 1,
                started_at=now,
                deadline=deadline,
                language=language or default_language(),
            )
    except IntegrityError:
        # Another request of the same trainee won the race (only possible without row locks).
        current = Attempt.objects.filter(user=user, quiz=quiz, status=AttemptStatus.OPEN).first()
        if current is None:
            raise NoAttemptsLeft from None
        return current
    with_choices = {
        q.pk: q for q in Question.objects.filter(pk__in=[q.pk for q in questions]).prefetch_related("choices")
    }
    AttemptQuestion.objects.bulk_create(
        AttemptQuestion(
            attempt=attempt,
            question_id=question.pk,
            position=position,
            choice_order=_choice_order(with_choices[question.pk], quiz, rng),
        )
        for position, question in enumerate(questions, start=1)
    )
    return attempt


# Saving and submitting ------------------------------------------------------------------------


def ends_at(attempt: Attempt) -> datetime | None:
    """When the attempt ends: its time limit or the quiz's current closing date, the earlier."""
    ends = [moment for moment in (attempt.deadline, attempt.quiz.closes_at) if moment is not None]
    return min(ends) if ends else None


def is_overdue(attempt: Attempt, now: datetime) -> bool:
    return is_past(ends_at(attempt), now=now)


def overdue_refusal(attempt: Attempt) -> TimeUp:
    """What to tell a trainee whose attempt was submitted at its end: time limit, or closing."""
    closes_at = attempt.quiz.closes_at
    return ClosedMeanwhile() if closes_at is not None and ends_at(attempt) == closes_at else TimeUp()


def _locked(attempt: Attempt) -> Attempt:
    return Attempt.objects.select_for_update().get(pk=attempt.pk)


def _store(attempt: Attempt, answers: dict[int, Answer]) -> None:
    items = {item.position: item for item in attempt.items.all()}
    for position, answer in answers.items():
        item = items.get(position)
        if item is None:
            continue
        allowed = set(item.choice_order)
        item.selected_choices.set([choice for choice in answer.choices if choice in allowed])
        if item.text_answer != answer.text:
            item.text_answer = answer.text
            item.save(update_fields=["text_answer"])


@transaction.atomic
def save_answers(*, attempt: Attempt, answers: dict[int, Answer], now: datetime | None = None) -> Attempt:
    now = now or timezone.now()
    attempt = _locked(attempt)
    if not attempt.is_open:
        raise AlreadySubmitted
    if is_overdue(attempt, now):
        _submit(attempt, now)
        raise overdue_refusal(attempt)
    _store(attempt, answers)
    return attempt


@transaction.atomic
def submit_attempt(
    *, attempt: Attempt, answers: dict[int, Answer] | None = None, now: datetime | None = None
) -> Attempt:
    """Save the last answers (unless too late), score the attempt and update the trainee's progress."""
    now = now or timezone.now()
    attempt = _locked(attempt)
    if not attempt.is_open:
        raise AlreadySubmitted
    if is_overdue(attempt, now):
        _submit(attempt, now)
        raise overdue_refusal(attempt)
    if answers:
        _store(attempt, answers)
    return _submit(attempt, now)


def item_points(item: AttemptQuestion) -> Decimal:
    question = item.question
    return handler_for(question.kind).points(
        selected={choice.pk for choice in item.selected_choices.all()},
        correct={choice.pk for choice in question.choices.all() if choice.is_correct},
        shown=set(item.choice_order),
        text=item.text_answer,
        accepted=[answer.text for answer in question.accepted_answers.all()],
    )


def _submit(attempt: Attempt, now: datetime) -> Attempt:
    items = list(
        attempt.items.select_related("question").prefetch_related(
            "selected_choices", "question__choices", "question__accepted_answers"
        )
    )
    for item in items:
        item.points = item_points(item)
    AttemptQuestion.objects.bulk_update(items, ["points"])
    attempt.score = attempt_percentage([item.points for item in items])
    attempt.status = AttemptStatus.SUBMITTED
    end = ends_at(attempt)
    attempt.submitted_at = min(now, end) if end else now
    attempt.save(update_fields=["score", "status", "submitted_at"])
    _record_progress(attempt)
    return attempt


def quiz_grade(*, user, quiz: QuizPage) -> Decimal | None:
    return final_grade(submitted_scores(user=user, quiz=quiz), quiz.grading_method)


def _record_progress(attempt: Attempt) -> None:
    """Keep the grade under the method on the step; complete it by the pass rule (`outcome`)."""
    quiz = attempt.quiz
    scores = submitted_scores(user=attempt.user, quiz=quiz)
    grade = final_grade(scores, quiz.grading_method)
    if completes_step(quiz=quiz, scores=scores):
        mark_step_complete(user=attempt.user, page=quiz, score=grade)
    else:
        record_step_score(user=attempt.user, page=quiz, score=grade)


def expire_if_overdue(attempt: Attempt, now: datetime | None = None) -> bool:
    """Submit an open attempt whose time is over. True if it was submitted now."""
    now = now or timezone.now()
    if attempt.is_open and is_overdue(attempt, now):
        with transaction.atomic():
            locked = _locked(attempt)
            if locked.is_open:
                _submit(locked, now)
                return True
    return False


def expire_overdue_attempts(*, quiz: QuizPage | None = None, users=None, now: datetime | None = None) -> int:
    """Submit every open attempt (of this quiz, of these users) whose time is over, as it stands,
    before a page reads results: one query when there is none. The number submitted."""
    now = now or timezone.now()
    late = now - DEADLINE_GRACE
    candidates = Attempt.objects.filter(status=AttemptStatus.OPEN).filter(
        Q(deadline__lt=late) | Q(quiz__closes_at__lt=late)
    )
    if quiz is not None:
        candidates = candidates.filter(quiz=quiz)
    if users is not None:
        candidates = candidates.filter(user__in=users)
    return sum(1 for attempt in candidates.select_related("quiz") if expire_if_overdue(attempt, now))


def review_shows_answers(*, attempt: Attempt, now: datetime | None = None) -> bool:
    """Correct answers and feedback are shown when the quiz's review policy allows it."""
    from .models.quiz import ReviewContent, ReviewTiming

    quiz = attempt.quiz
    if attempt.is_open or quiz.review_content != ReviewContent.FULL:
        return False
    if not answers_may_show(quiz=quiz, user=attempt.user_id, now=now):
        return False
    if quiz.review_timing == ReviewTiming.AFTER_CLOSE:
        # Not before every attempt still open has been refused: see `availability.DEADLINE_GRACE`.
        return is_closed_for_good(closes_at=quiz.closes_at, now=now or timezone.now())
    return True

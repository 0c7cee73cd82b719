"""Quiz results for trainers and the task force: per trainee, per question, and pre/post gain.

Each function reads everything it needs in a fixed number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.contrib.auth import get_user_model

from courses.models import Competence
from home.numbers import percent_of, rounded
from home.people import display_name
from home.roles import not_a_trainee

from .models import Attempt, AttemptQuestion, Question, QuizPage
from .models.attempts import AttemptStatus
from .outcome import outcomes_by_user
from .scoring import normalised_gain, percentage


@dataclass(frozen=True)
class TraineeResult:
    trainee: object
    attempts: int
    best: Decimal | None
    last: Decimal | None
    grade: Decimal | None
    passed: bool | None  # the pass rule (`outcome`); None for a quiz that is not graded


@dataclass(frozen=True)
class ItemResult:
    question: Question
    answered: int
    correct: int
    missed_by: list = field(default_factory=list)

    @property
    def percent_correct(self) -> int:
        return percent_of(self.correct, self.answered)


def _submitted(quiz: QuizPage):
    """Submitted attempts of those who count as trainees (home.roles): staff tries are left out."""
    return (
        Attempt.objects.filter(quiz=quiz, status=AttemptStatus.SUBMITTED)
        .exclude(not_a_trainee("user"))
        .order_by("user_id", "number")
    )


def _name(user) -> str:
    return display_name(user)


def trainee_results(*, quiz: QuizPage) -> list[TraineeResult]:
    by_user: dict[int, list[Attempt]] = defaultdict(list)
    for attempt in _submitted(quiz):
        by_user[attempt.user_id].append(attempt)
    users = get_user_model().objects.in_bulk(list(by_user))
    outcomes = outcomes_by_user(quiz=quiz)
    results = []
    for user_id, attempts in by_user.items():
        scores = [a.score for a in attempts]
        results.append(
            TraineeResult(
                trainee=users[user_id],
                attempts=len(attempts),
                best=max(scores),
                last=scores[-1],
                grade=outcomes[user_id].grade,
                passed=outcomes[user_id].passed,
            )
        )
    return sorted(results, key=lambda r: _name(r.trainee).casefold())


def last_attempts(quiz: QuizPage) -> dict[int, Attempt]:
    """Each trainee's latest submitted attempt, by user id."""
    latest: dict[int, Attempt] = {}
    for attempt in _submitted(quiz):
        latest[attempt.user_id] = attempt
    return latest


def item_analysis(*, quiz: QuizPage) -> list[ItemResult]:
    """Per question, on each trainee's latest attempt: how many got it fully right, and who missed it."""
    latest = last_attempts(quiz)
    items = (
        AttemptQuestion.objects.filter(attempt_id__in=[a.pk for a in latest.values()])
        .select_related("question", "attempt__user")
        .order_by("question_id")
    )
    grouped: dict[int, list[AttemptQuestion]] = defaultdict(list)
    questions: dict[int, Question] = {}
    for item in items:
        grouped[item.question_id].append(item)
        questions[item.question_id] = item.question
    return [
        ItemResult(
            question=questions[question_id],
            answered=len(rows),
            correct=sum(1 for row in rows if row.points == 1),
            missed_by=sorted((_name(row.attempt.user) for row in rows if row.points != 1), key=str.casefold),
        )
        for question_id, rows in grouped.items()
    ]


@dataclass(frozen=True)
class TraineeGain:
    trainee: object
    pre: Decimal
    post: Decimal
    gain: Decimal | None


@dataclass(frozen=True)
class CompetenceGain:
    competence: object
    pre: Decimal
    post: Decimal
    gain: Decimal | None


# Below this many trainees with both a pre-test and a post-test, a gain figure is only indicative.
GAIN_INDICATIVE_BELOW = 5


@dataclass(frozen=True)
class GainReport:
    post_test: QuizPage
    pre_test: QuizPage | None
    trainees: list[TraineeGain]
    competences: list[CompetenceGain]

    @property
    def n(self) -> int:
        """Trainees paired: those with a submitted pre-test and post-test, on whom every figure rests."""
        return len(self.trainees)

    @property
    def is_indicative(self) -> bool:
        return self.n < GAIN_INDICATIVE_BELOW

    @property
    def indicative_below(self) -> int:
        return GAIN_INDICATIVE_BELOW

    @property
    def mean_pre(self) -> Decimal | None:
        return _mean([t.pre for t in self.trainees])

    @property
    def mean_post(self) -> Decimal | None:
        return _mean([t.post for t in self.trainees])

    @property
    def mean_gain(self) -> Decimal | None:
        gains = [t.gain for t in self.trainees if t.gain is not None]
        return _mean(gains, places="0.001")


def _mean(values: list[Decimal], places: str = "0.01") -> Decimal | None:
    if not values:
        return None
    return rounded(sum(values, Decimal(0)) / len(values), places)


class ScoredAttempt(NamedTuple):
    pk: int
    score: Decimal


class ItemPoints(NamedTuple):
    competence_id: int | None
    points: Decimal | None


def _competence_percent(items: list[ItemPoints]) -> dict[int, Decimal]:
    totals: dict[int, list[Decimal]] = defaultdict(list)
    for item in items:
        if item.competence_id:
            totals[item.competence_id].append(item.points or Decimal(0))
    return {cid: percentage(sum(points) * 100 / len(points)) for cid, points in totals.items()}


def _first_and_last_attempts(
    pre_test: QuizPage, post_test: QuizPage
) -> tuple[dict[int, ScoredAttempt], dict[int, ScoredAttempt]]:
    """Each trainee's first submitted pre-test attempt and last post-test attempt, by user id."""
    first_pre: dict[int, ScoredAttempt] = {}
    for pk, user_id, score in _submitted(pre_test).values_list("pk", "user_id", "score"):
        first_pre.setdefault(user_id, ScoredAttempt(pk, score))
    last_post = {
        user_id: ScoredAttempt(pk, score)
        for pk, user_id, score in _submitted(post_test).values_list("pk", "user_id", "score")
    }
    return first_pre, last_post


def knowledge_gain(*, post_test: QuizPage, pre_test: QuizPage | None = None) -> GainReport:
    """Pre %, post % and normalised gain per trainee (first pre-test attempt, last post-test
    attempt), and the mean pre, post and gain per competence, for trainees who took both.
    The pre-test is the one paired with the post-test unless another is given.
    Attempts and their items are read as plain values: a cohort is thousands of items."""
    pre_test = pre_test or post_test.paired_pre_test
    if pre_test is None:
        return GainReport(post_test, None, [], [])
    first_pre, last_post = _first_and_last_attempts(pre_test, post_test)
    both = sorted(set(first_pre) & set(last_post))
    attempt_ids = [first_pre[u].pk for u in both] + [last_post[u].pk for u in both]
    items_by_attempt: dict[int, list[ItemPoints]] = defaultdict(list)
    for attempt_id, competence_id, points in AttemptQuestion.objects.filter(
        attempt_id__in=attempt_ids
    ).values_list("attempt_id", "question__competence_id", "points"):
        items_by_attempt[attempt_id].append(ItemPoints(competence_id, points))
    users = get_user_model().objects.in_bulk(both)
    trainees = [
        TraineeGain(
            trainee=users[u],
            pre=first_pre[u].score,
            post=last_post[u].score,
            gain=normalised_gain(pre=first_pre[u].score, post=last_post[u].score),
        )
        for u in both
    ]
    per_competence_pre: dict[int, list[Decimal]] = defaultdict(list)
    per_competence_post: dict[int, list[Decimal]] = defaultdict(list)
    for u in both:
        for cid, value in _competence_percent(items_by_attempt[first_pre[u].pk]).items():
            per_competence_pre[cid].append(value)
        for cid, value in _competence_percent(items_by_attempt[last_post[u].pk]).items():
            per_competence_post[cid].append(value)
    competences = Competence.objects.in_bulk(list(per_competence_pre))
    competence_rows = []
    for cid, competence in sorted(competences.items(), key=lambda pair: pair[1].sort_order):
        pre, post = _mean(per_competence_pre[cid]), _mean(per_competence_post.get(cid, []))
        if pre is None or post is None:
            continue
        competence_rows.append(CompetenceGain(competence, pre, post, normalised_gain(pre=pre, post=post)))
    return GainReport(post_test, pre_test, sorted(trainees, key=lambda t: _name(t.trainee)), competence_rows)

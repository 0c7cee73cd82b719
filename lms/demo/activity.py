"""The demo cohort and its simulated activity, with fixed dates so that reloading changes nothing."""

import random
import tomllib
from datetime import datetime, time, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from assessments.attempts import Answer, start_attempt, submit_attempt
from assessments.models import Attempt, QuizPage
from assessments.models.quiz import QuizPurpose
from assessments.scoring import QuestionKind
from courses.models import Cohort, CoursePage, LessonPage, StepProgress

DATA_FILE = Path(__file__).parent / "data" / "cohort.toml"
LESSONS_PER_MODULE = 3


def read_cohort() -> dict:
    return tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))


@transaction.atomic
def load_cohort(course: CoursePage) -> Cohort:
    data = read_cohort()
    cohort, _created = Cohort.objects.get_or_create(
        name=data["name"],
        defaults={"start_date": data["start_date"], "end_date": data["end_date"]},
    )
    trainees = list(get_user_model().objects.filter(username__in=data["progress"]))
    cohort.trainees.add(*trainees)
    cohort.courses.add(course)
    lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path"))
    start = timezone.make_aware(datetime.combine(data["start_date"], time(9, 0)))
    for offset, trainee in enumerate(sorted(trainees, key=lambda user: user.username)):
        plan = data["progress"][trainee.username]
        for index, lesson in enumerate(lessons[: plan["completed"] + plan["opened"]]):
            opened = start + timedelta(days=index * 2 + offset % 3, hours=offset)
            done = index < plan["completed"]
            StepProgress.objects.get_or_create(
                user=trainee,
                page=lesson,
                defaults={
                    "first_opened_at": opened,
                    "last_opened_at": opened + timedelta(minutes=25),
                    "completed_at": opened + timedelta(minutes=30) if done else None,
                },
            )
    return cohort


def _demo_answers(attempt: Attempt, rng: random.Random, success: float) -> dict[int, Answer]:
    answers = {}
    items = attempt.items.select_related("question").prefetch_related(
        "question__choices", "question__accepted_answers"
    )
    for item in items:
        right = rng.random() < success
        question = item.question
        if question.kind == QuestionKind.SHORT:
            accepted = [a.text for a in question.accepted_answers.all()]
            answers[item.position] = Answer(text=accepted[0] if right and accepted else "—")
            continue
        choices = list(question.choices.all())
        correct = {c.pk for c in choices if c.is_correct}
        wrong = [c.pk for c in choices if not c.is_correct]
        picked = correct if right or not wrong else {rng.choice(wrong)}
        answers[item.position] = Answer(choices=frozenset(picked))
    return answers


def _take(quiz: QuizPage, user, when: datetime, rng: random.Random, success: float) -> None:
    if Attempt.objects.filter(quiz=quiz, user=user).exists():
        return
    attempt = start_attempt(user=user, quiz=quiz, now=when, rng=random.Random(user.pk * 7919 + quiz.pk))
    submit_attempt(
        attempt=attempt, answers=_demo_answers(attempt, rng, success), now=when + timedelta(minutes=18)
    )


@transaction.atomic
def load_quiz_activity(cohort: Cohort, quizzes: dict[str, QuizPage]) -> None:
    """Pre-test for everyone, module quizzes for trainees who finished a module, post-test for the
    most advanced; success rates rise from pre-test to post-test so the gain report has data."""
    data = read_cohort()
    start = timezone.make_aware(datetime.combine(data["start_date"], time(10, 0)))
    module_quizzes = [quiz for key, quiz in quizzes.items() if quiz.purpose == QuizPurpose.GRADED]
    for offset, trainee in enumerate(cohort.trainees.order_by("username")):
        rng = random.Random(trainee.username)
        plan = data["progress"].get(trainee.username, {"completed": 0})
        _take(quizzes["pretest"], trainee, start + timedelta(hours=offset), rng, 0.3 + offset % 3 * 0.1)
        for index, quiz in enumerate(module_quizzes):
            if plan["completed"] >= (index + 1) * LESSONS_PER_MODULE:
                _take(quiz, trainee, start + timedelta(days=6 * (index + 1), hours=offset), rng, 0.8)
        if plan["completed"] >= 15:
            _take(quizzes["posttest"], trainee, start + timedelta(days=40, hours=offset), rng, 0.85)

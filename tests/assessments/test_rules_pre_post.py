"""Knowledge gain that means something: one pre-test attempt, its answers held back until the paired
post-test is over, choices shuffled by default, only trainees counted, the gain's n shown."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from assessments.attempts import Answer, NoAttemptsLeft, start_attempt, submit_attempt
from assessments.availability import DEADLINE_GRACE
from assessments.models import Attempt, QuizPage
from assessments.pre_post import pre_test_answers_released, shared_questions, stored_attempt_limit
from assessments.results import knowledge_gain, trainee_results
from assessments.scoring import QuestionKind
from home.roles import Role, counts_as_trainee
from tests.conftest import translated
from tests.factories.assessments import make_question, make_quiz
from tests.paths import path_to

pytestmark = pytest.mark.django_db

PRE_TEST_WAIT = (
    "This is a pre-test: only your score is shown. The correct answers will be shown once the "
    "post-test is over, so that the post-test measures what you have learnt."
)


def take(quiz, user, *, right: bool = True, now=None) -> Attempt:
    attempt = start_attempt(user=user, quiz=quiz, now=now)
    answers = {}
    for item in attempt.items.select_related("question"):
        pick = item.question.choices.filter(is_correct=right).order_by("sort_order").first()
        answers[item.position] = Answer(choices=frozenset({pick.pk}))
    return submit_attempt(attempt=attempt, answers=answers, now=now)


@pytest.fixture
def pair(module):
    pre = make_quiz(module, questions=[make_question(), make_question()], purpose="pre_test", max_attempts=3)
    post = make_quiz(
        module, questions=[make_question(), make_question()], purpose="post_test", paired_pre_test=pre
    )
    return pre, post


# One attempt at a pre-test ---------------------------------------------------------------------


def url_in(page, language: str) -> str:
    with translation.override(language):
        return page.get_url()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_second_pre_test_attempt_is_refused_whatever_is_configured(client, enrolled, pair, language):
    pre, _post = pair
    assert pre.max_attempts == 3  # what the trainer typed is not what counts
    take(pre, enrolled)
    response = client.post(url_in(pre, language) + "start/", follow=True)
    assert translated("You have used all the attempts allowed for this quiz.", language) in (
        response.content.decode()
    )
    assert Attempt.objects.filter(quiz=pre, user=enrolled).count() == 1
    with pytest.raises(NoAttemptsLeft):
        start_attempt(user=enrolled, quiz=pre)


def test_the_quiz_form_stores_one_attempt_for_a_pre_test_and_refuses_more():
    assert stored_attempt_limit(purpose="pre_test", max_attempts=0) == 1
    assert stored_attempt_limit(purpose="pre_test", max_attempts=1) == 1
    assert stored_attempt_limit(purpose="pre_test", max_attempts=3) is None  # the form's error
    assert stored_attempt_limit(purpose="graded", max_attempts=3) == 3


# A pre-test's answers wait for the post-test ---------------------------------------------------


def review_of(client, quiz, attempt, language="fr") -> str:
    return client.get(f"{url_in(quiz, language)}attempt/{attempt.pk}/review/").content.decode()


def test_pre_test_answers_show_only_once_the_paired_post_test_has_closed(client, enrolled, pair):
    pre, post = pair
    post.closes_at = timezone.now() + timedelta(days=7)
    post.save()
    attempt = take(pre, enrolled, right=False)
    waiting = review_of(client, pre, attempt)
    assert "Explication" not in waiting and "Retour sur le choix" not in waiting
    assert translated(PRE_TEST_WAIT, "fr") in waiting
    post.closes_at = timezone.now() - DEADLINE_GRACE - timedelta(seconds=1)
    post.save()
    assert "Explication" in review_of(client, pre, attempt)


def test_pre_test_answers_wait_while_the_post_test_still_takes_a_late_answer(enrolled, pair):
    """A post-test that has just closed still takes an answer sent in the grace: the pre-test's
    answers, which would teach it, stay hidden until the grace is over too."""
    pre, post = pair
    closes = timezone.now() + timedelta(minutes=5)
    post.closes_at = closes
    post.save()
    take(pre, enrolled, right=False)
    attempt = start_attempt(user=enrolled, quiz=post, now=closes - timedelta(minutes=1))
    during_grace = closes + DEADLINE_GRACE - timedelta(seconds=1)
    assert not pre_test_answers_released(pre_test=pre, user=enrolled, now=during_grace)
    assert submit_attempt(attempt=attempt, answers={}, now=during_grace).status == "submitted"
    after_grace = closes + DEADLINE_GRACE + timedelta(seconds=1)
    assert pre_test_answers_released(pre_test=pre, user=enrolled, now=after_grace)


def test_without_a_closing_date_the_answers_wait_for_the_trainees_own_post_test(enrolled, pair, make_user):
    pre, post = pair
    take(pre, enrolled)
    assert not pre_test_answers_released(pre_test=pre, user=enrolled)
    take(post, make_user(Role.TRAINEE))  # someone else's post-test changes nothing for her
    assert not pre_test_answers_released(pre_test=pre, user=enrolled)
    take(post, enrolled)
    assert pre_test_answers_released(pre_test=pre, user=enrolled)


def test_a_pre_test_paired_with_nothing_keeps_its_answers(module, trainee):
    lonely = make_quiz(module, purpose="pre_test")
    take(lonely, trainee)
    assert not pre_test_answers_released(pre_test=lonely, user=trainee)


def test_a_post_test_repeating_its_pre_test_questions_is_reported(module):
    shared = make_question()
    pre = make_quiz(module, questions=[shared, make_question()], purpose="pre_test")
    post = make_quiz(module, questions=[shared, make_question()], purpose="post_test", paired_pre_test=pre)
    assert shared_questions(post_test=post) == [shared]


# Shuffled choices --------------------------------------------------------------------------------


def test_choices_are_shuffled_by_default_and_true_false_keeps_its_order(module, trainee, make_user):
    assert QuizPage().shuffle_choices is True
    single = make_question(QuestionKind.SINGLE, choices=5)
    true_false = make_question(QuestionKind.TRUE_FALSE)
    quiz = make_quiz(module, questions=[single, true_false], shuffle_choices=QuizPage().shuffle_choices)
    orders = set()
    for seed in range(6):
        attempt = start_attempt(user=make_user(Role.TRAINEE), quiz=quiz, rng=random.Random(seed))
        single_item, tf_item = attempt.items.order_by("position")
        orders.add(tuple(single_item.choice_order))
        assert tf_item.choice_order == list(
            true_false.choices.order_by("sort_order").values_list("pk", flat=True)
        )
    assert len(orders) > 1


# Only trainees count -------------------------------------------------------------------------------


@pytest.fixture
def staff(make_user):
    admin = make_user(username="root", first_name="Root")
    admin.is_superuser = True
    admin.save()
    return [
        make_user(Role.TRAINER, first_name="Karim"),
        make_user(Role.TASK_FORCE, first_name="Taoufik"),
        make_user(Role.OTE_APPROVER, first_name="Olfa"),
        admin,
    ]


def test_staff_attempts_count_neither_in_results_nor_in_gain(client, pair, staff, make_user, task_force):
    pre, post = pair
    amira = make_user(Role.TRAINEE, first_name="Amira", last_name="Ben Ali")
    for user in [amira, *staff]:
        take(pre, user, right=False)
        take(post, user, right=True)
    assert [r.trainee for r in trainee_results(quiz=post)] == [amira]
    assert [row.trainee for row in knowledge_gain(post_test=post).trainees] == [amira]
    assert [counts_as_trainee(user) for user in [amira, *staff]] == [True, False, False, False, False]
    client.force_login(task_force)
    page = client.get(path_to("lms:review:gain", post_test_id=post.pk)).content.decode()
    assert "Amira Ben Ali" in page and "Karim" not in page and "Olfa" not in page


# The gain's n ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_gain_shows_its_n_and_says_indicative_under_five(client, pair, make_user, task_force, language):
    pre, post = pair
    trainees = [make_user(Role.TRAINEE, first_name=f"T{i}") for i in range(5)]
    for trainee in trainees[:2]:
        take(pre, trainee, right=False)
        take(post, trainee)
    client.force_login(task_force)
    small = client.get(path_to("lms:review:gain", language=language, post_test_id=post.pk)).content.decode()
    assert "n = 2" in small
    assert translated("Indicative", language) in small
    for trainee in trainees[2:]:
        take(pre, trainee, right=False)
        take(post, trainee)
    enough = client.get(path_to("lms:review:gain", language=language, post_test_id=post.pk)).content.decode()
    assert "n = 5" in enough and translated("Indicative", language) not in enough


def test_saving_a_post_test_that_repeats_its_pre_test_warns_the_trainer(rf, module):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage

    from assessments.wagtail_hooks import warn_when_a_post_test_repeats_its_pre_test

    shared = make_question()
    pre = make_quiz(module, questions=[shared, make_question()], purpose="pre_test")
    parallel = make_quiz(module, questions=[make_question()], purpose="post_test", paired_pre_test=pre)
    repeating = make_quiz(module, questions=[shared], purpose="post_test", paired_pre_test=pre)
    request = rf.post("/admin/pages/")
    request.session = {}
    request._messages = FallbackStorage(request)
    warn_when_a_post_test_repeats_its_pre_test(request, parallel)
    assert list(get_messages(request)) == []
    warn_when_a_post_test_repeats_its_pre_test(request, repeating)
    (warning,) = get_messages(request)
    assert "1 question" in str(warning) and str(shared) in str(warning)

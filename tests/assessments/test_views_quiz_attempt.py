from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments.models import Attempt
from assessments.scoring import QuestionKind
from courses.models import StepProgress
from tests.conftest import translated
from tests.factories.assessments import choice_letters, make_question, make_quiz

pytestmark = pytest.mark.django_db


def start(client, quiz) -> Attempt:
    response = client.post(quiz.url + "start/")
    assert response.status_code == 302, response.content
    return Attempt.objects.latest("pk")


def attempt_url(quiz, attempt) -> str:
    return f"{quiz.url}attempt/{attempt.pk}/"


def answer_all_correctly(quiz) -> dict:
    data = {}
    for slot in quiz.slots.all():
        question = slot.question
        position = slot.sort_order + 1
        if question.kind == QuestionKind.SHORT:
            data[f"q{position}"] = "reinsertion"
        elif question.kind == QuestionKind.MULTIPLE:
            data[f"q{position}"] = choice_letters(question, correct=True)
        else:
            data[f"q{position}"] = choice_letters(question, correct=True)[0]
    return data


@pytest.fixture
def quiz(module):
    questions = [
        make_question(QuestionKind.SINGLE),
        make_question(QuestionKind.MULTIPLE, correct=(0, 2), choices=4),
        make_question(QuestionKind.TRUE_FALSE, correct=(1,)),
        make_question(QuestionKind.SHORT),
    ]
    return make_quiz(module, questions=questions, max_attempts=2, pass_mark=75)


def test_overview_lists_rules_and_no_attempt(client, enrolled, quiz):
    response = client.get(quiz.url)
    assert response.status_code == 200
    assert "75 %" in response.content.decode()
    assert StepProgress.objects.filter(user=enrolled, page=quiz, completed_at=None).exists()


def test_full_lifecycle_start_save_resume_submit(client, enrolled, quiz):
    attempt = start(client, quiz)
    data = answer_all_correctly(quiz)
    partial = {"q1": data["q1"], "action": "save"}
    assert client.post(attempt_url(quiz, attempt), partial).status_code == 302
    # Resuming shows the saved answer checked, and starting again resumes the same attempt.
    assert start(client, quiz).pk == attempt.pk
    page = client.get(attempt_url(quiz, attempt)).content.decode()
    assert f'value="{data["q1"]}" id="q1-{data["q1"]}" checked' in page
    response = client.post(attempt_url(quiz, attempt), {**data, "action": "submit"})
    assert response.status_code == 302
    assert response["Location"].endswith("review/")
    attempt.refresh_from_db()
    assert attempt.score == Decimal("100.00")
    progress = StepProgress.objects.get(user=enrolled, page=quiz)
    assert progress.completed_at is not None and progress.score == Decimal("100.00")


def test_second_submit_changes_nothing_and_says_so(client, enrolled, quiz):
    attempt = start(client, quiz)
    client.post(attempt_url(quiz, attempt), {**answer_all_correctly(quiz), "action": "submit"})
    response = client.post(attempt_url(quiz, attempt), {"q1": "b", "action": "submit"}, follow=True)
    attempt.refresh_from_db()
    assert attempt.score == Decimal("100.00")
    assert (
        translated("This attempt has already been submitted: nothing was changed.")
        in response.content.decode()
    )


def test_failed_graded_quiz_does_not_complete_the_step(client, enrolled, quiz):
    attempt = start(client, quiz)
    client.post(attempt_url(quiz, attempt), {"action": "submit"})
    attempt.refresh_from_db()
    assert attempt.score == 0
    assert not StepProgress.objects.filter(page=quiz, completed_at__isnull=False).exists()


def test_attempt_limit(client, enrolled, quiz):
    for _ in range(2):
        attempt = start(client, quiz)
        client.post(attempt_url(quiz, attempt), {"action": "submit"})
    response = client.post(quiz.url + "start/", follow=True)
    assert Attempt.objects.count() == 2
    assert translated("You have used all the attempts allowed for this quiz.") in response.content.decode()


def test_grade_follows_the_grading_method(client, enrolled, quiz):
    quiz.grading_method = "last"
    quiz.save()
    first = start(client, quiz)
    client.post(attempt_url(quiz, first), {**answer_all_correctly(quiz), "action": "submit"})
    second = start(client, quiz)
    client.post(attempt_url(quiz, second), {"action": "submit"})
    assert StepProgress.objects.get(page=quiz).score == 0


def test_closed_quiz_refuses_to_start(client, enrolled, quiz):
    quiz.closes_at = timezone.now() - timedelta(days=1)
    quiz.save()
    response = client.post(quiz.url + "start/", follow=True)
    assert not Attempt.objects.exists()
    assert translated("This quiz is not open.") in response.content.decode()


def test_time_limit_is_enforced_on_the_server(client, enrolled, quiz):
    quiz.time_limit_minutes = 10
    quiz.save()
    attempt = start(client, quiz)
    client.post(
        attempt_url(quiz, attempt),
        {"q1": choice_letters(quiz.slots.first().question, True)[0], "action": "save"},
    )
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=5))
    # Late answers are not taken; the attempt is submitted with what was saved in time.
    response = client.post(attempt_url(quiz, attempt), {**answer_all_correctly(quiz), "action": "submit"})
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == "submitted"
    assert attempt.score == Decimal("25.00")


def test_invalid_choice_is_refused_with_a_message(client, enrolled, quiz):
    attempt = start(client, quiz)
    response = client.post(attempt_url(quiz, attempt), {"q1": "zz", "action": "submit"})
    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.status == "open"


def test_another_trainee_cannot_see_or_answer_my_attempt(client, enrolled, quiz, make_user, course):
    from home.roles import Role
    from tests.factories.courses import enrol

    attempt = start(client, quiz)
    other = make_user(Role.TRAINEE)
    enrol(other, course)
    client.force_login(other)
    assert client.get(attempt_url(quiz, attempt)).status_code == 404
    assert client.get(attempt_url(quiz, attempt) + "review/").status_code == 404
    assert client.post(attempt_url(quiz, attempt), {"action": "submit"}).status_code == 404
    attempt.refresh_from_db()
    assert attempt.status == "open"


def test_attempt_of_another_quiz_is_not_found_here(client, enrolled, quiz, module):
    attempt = start(client, quiz)
    other_quiz = make_quiz(module)
    assert client.get(f"{other_quiz.url}attempt/{attempt.pk}/").status_code == 404


def test_review_shows_answers_and_feedback_when_allowed(client, enrolled, quiz):
    attempt = start(client, quiz)
    client.post(attempt_url(quiz, attempt), {"action": "submit"})
    page = client.get(attempt_url(quiz, attempt) + "review/").content.decode()
    assert "Explication" in page and translated("Correct answer") in page


@pytest.mark.parametrize(
    ("content", "timing", "closes_in_days", "shown"),
    [
        ("score", "immediately", None, False),
        ("full", "after_close", 3, False),
        ("full", "after_close", -1, True),
    ],
)
def test_review_policy(client, enrolled, module, content, timing, closes_in_days, shown):
    quiz = make_quiz(module, review_content=content, review_timing=timing)
    attempt = start(client, quiz)
    client.post(attempt_url(quiz, attempt), {"action": "submit"})
    if closes_in_days is not None:
        quiz.closes_at = timezone.now() + timedelta(days=closes_in_days)
        quiz.save()
    page = client.get(attempt_url(quiz, attempt) + "review/").content.decode()
    assert ("Explication" in page) == shown
    assert "review-summary" in page


def test_practice_quiz_completes_the_step_whatever_the_score(client, enrolled, module):
    quiz = make_quiz(module, purpose="practice")
    attempt = start(client, quiz)
    client.post(attempt_url(quiz, attempt), {"action": "submit"})
    assert StepProgress.objects.get(page=quiz).completed_at is not None


def test_quizzes_count_as_course_steps(enrolled, quiz, course):
    from courses.progress import course_progress

    assert course_progress(user=enrolled, course=course).total == 2  # a lesson and the quiz

"""Before submission, nothing a trainee receives tells which choice is correct or what is accepted."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from assessments.models import AcceptedAnswer, Attempt, Choice
from assessments.scoring import QuestionKind
from tests.factories.assessments import make_question, make_quiz
from tests.paths import path_to

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
CANARY = "CANARY-7f3a9c"
LANGUAGES = ["fr", "ar"]


def without_csrf(content: bytes) -> str:
    return CSRF.sub("", content.decode())


def url_in(page, language: str) -> str:
    with translation.override(language):
        return page.get_url()


def flip_correct_answers(quiz) -> None:
    """Every choice's correctness reversed, and other answers accepted for short questions."""
    questions = [slot.question for slot in quiz.slots.select_related("question")]
    for choice in Choice.objects.filter(question__in=questions):
        choice.is_correct = not choice.is_correct
        choice.save()
    for accepted in AcceptedAnswer.objects.filter(question__in=questions):
        accepted.text = f"autre réponse {accepted.pk}"
        accepted.save()


@pytest.fixture
def quiz(module):
    """Choice, true/false and short-answer questions; a canary in every feedback field (general and
    per choice) and in every accepted answer, in French and Arabic."""
    questions = [
        make_question(QuestionKind.SINGLE, correct=(1,), choices=4),
        make_question(QuestionKind.MULTIPLE, correct=(0, 3), choices=4),
        make_question(QuestionKind.TRUE_FALSE, correct=(0,)),
        make_question(QuestionKind.SHORT),
    ]
    for question in questions:
        question.general_feedback_fr = f"<p>{CANARY}-general</p>"
        question.general_feedback_ar = f"<p>{CANARY}-ar</p>"
        question.save()
        question.choices.update(feedback_fr=f"{CANARY}-choice", feedback_ar=f"{CANARY}-choice-ar")
        for accepted in question.accepted_answers.all():
            accepted.text = f"{accepted.text} {CANARY}-accepted-{accepted.language}"
            accepted.save()
    assert AcceptedAnswer.objects.filter(text__contains=CANARY).count() == 2
    return make_quiz(module, questions=questions, shuffle_choices=True, shuffle_questions=True)


def pre_submission_responses(client, quiz, language: str) -> dict[str, str]:
    """The quiz's own pages while an attempt is open: overview, attempt, the attempt once saved."""
    url = url_in(quiz, language)
    attempt = Attempt.objects.get(quiz=quiz, status="open")
    responses = {"overview": client.get(url), "attempt": client.get(f"{url}attempt/{attempt.pk}/")}
    answers = {"action": "save"}
    for item in attempt.items.select_related("question"):
        kind = item.question.kind
        answers[f"q{item.position}"] = {
            QuestionKind.SHORT: "réinsertion",
            QuestionKind.MULTIPLE: ["a", "b"],
        }.get(kind, "a")
    responses["saved"] = client.post(f"{url}attempt/{attempt.pk}/", answers, follow=True)
    for item in attempt.items.all():  # back to a blank attempt for the next run
        item.selected_choices.clear()
        item.text_answer = ""
        item.save()
    for name, response in responses.items():
        assert response.status_code == 200, name
    return {name: without_csrf(response.content) for name, response in responses.items()}


def elsewhere_responses(client, quiz, language: str) -> dict[str, str]:
    """Every other page the trainee may open during the attempt, where the quiz or its course shows."""
    course, module, lesson = (
        quiz.get_parent().get_parent().specific,
        quiz.get_parent(),
        quiz.get_prev_sibling(),
    )
    responses = {
        "dashboard": client.get(path_to("lms:dashboard", language=language)),
        "search for the canary": client.get(path_to("lms:search", language=language), {"q": "canary 7f3a9c"}),
        "search for the questions": client.get(path_to("lms:search", language=language), {"q": quiz.title}),
        "my data": client.get(path_to("lms:my_data", language=language)),
        "my data (JSON)": client.get(path_to("lms:my_data", language=language), {"format": "json"}),
        "course": client.get(url_in(course, language)),
        "module": client.get(url_in(module, language), follow=True),
        "lesson": client.get(url_in(lesson, language)),
        "certificates": client.get(path_to("lms:certificates", language=language)),
    }
    for name, response in responses.items():
        assert response.status_code == 200, name
    return {name: response.content.decode() for name, response in responses.items()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_flipping_correct_answers_changes_nothing_before_submission(client, enrolled, quiz, language):
    client.post(url_in(quiz, language) + "start/")
    before = pre_submission_responses(client, quiz, language)
    assert f'lang="{language}"' in before["attempt"]  # in the language asked for
    flip_correct_answers(quiz)
    after = pre_submission_responses(client, quiz, language)
    assert before == after


@pytest.mark.parametrize("language", LANGUAGES)
def test_feedback_never_reaches_the_browser_before_submission(client, enrolled, quiz, language):
    url = url_in(quiz, language)
    started = client.post(url + "start/", follow=True)
    assert started.status_code == 200
    pages = {
        "start": without_csrf(started.content),
        **pre_submission_responses(client, quiz, language),
        **elsewhere_responses(client, quiz, language),
    }
    json.loads(pages["my data (JSON)"])  # the whole of the trainee's data, as they download it
    assert [name for name, html in pages.items() if CANARY.lower() in html.lower()] == []

    attempt = Attempt.objects.get()
    client.post(f"{url}attempt/{attempt.pk}/", {"action": "submit"})
    review = client.get(f"{url}attempt/{attempt.pk}/review/").content.decode()
    assert CANARY in review  # the canary does show, once submitted: it was reachable
    assert f"{CANARY}-accepted-{language}" in review  # the accepted answer in the page's language


def submitted_pre_test(client, quiz, language: str):
    """`quiz` made a pre-test paired with a post-test closing tomorrow, and an attempt submitted."""
    quiz.purpose = "pre_test"
    quiz.save()
    post_test = make_quiz(
        quiz.get_parent(),
        purpose="post_test",
        paired_pre_test=quiz,
        closes_at=timezone.now() + timedelta(days=1),
    )
    url = url_in(quiz, language)
    client.post(url + "start/")
    attempt = Attempt.objects.get(quiz=quiz)
    client.post(f"{url}attempt/{attempt.pk}/", {"action": "submit"}, follow=True)  # its message read
    return post_test, f"{url}attempt/{attempt.pk}/review/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_pre_test_review_reveals_nothing_until_the_post_test_closes(client, enrolled, quiz, language):
    post_test, review_url = submitted_pre_test(client, quiz, language)
    before = [
        without_csrf(client.get(review_url).content),
        without_csrf(client.get(url_in(quiz, language)).content),
    ]
    assert [page for page in before if CANARY.lower() in page.lower()] == []
    flip_correct_answers(quiz)  # differential: correctness leaves no trace while the post-test is open
    after = [
        without_csrf(client.get(review_url).content),
        without_csrf(client.get(url_in(quiz, language)).content),
    ]
    assert before == after

    post_test.closes_at = timezone.now() - timedelta(minutes=1)
    post_test.save()
    assert CANARY in client.get(review_url).content.decode()  # once it has closed, the review teaches


def test_choice_values_are_letters_not_database_ids(client, enrolled, quiz):
    client.post(quiz.url + "start/")
    attempt = Attempt.objects.get()
    html = client.get(f"{quiz.url}attempt/{attempt.pk}/").content.decode()
    values = set(re.findall(r'name="q\d+" value="([^"]*)"', html))
    assert values <= set("abcd")

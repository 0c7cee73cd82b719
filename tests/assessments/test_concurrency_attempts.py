import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from assessments.attempts import AttemptError, start_attempt, submit_attempt
from assessments.models import Attempt
from tests.factories.assessments import make_quiz


def test_database_refuses_a_second_open_attempt(db, module, trainee):
    quiz = make_quiz(module)
    Attempt.objects.create(quiz=quiz, user=trainee, number=1, started_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(quiz=quiz, user=trainee, number=2, started_at=timezone.now())


def test_database_refuses_a_duplicate_attempt_number(db, module, trainee):
    quiz = make_quiz(module)
    Attempt.objects.create(quiz=quiz, user=trainee, number=1, started_at=timezone.now(), status="submitted")
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(quiz=quiz, user=trainee, number=1, started_at=timezone.now())


def run_together(count: int, action) -> list:
    barrier = threading.Barrier(count)
    results: list = []

    def worker():
        try:
            barrier.wait()
            results.append(action())
        except Exception as error:  # noqa: BLE001 - the test inspects every outcome
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_starts_of_the_last_attempt_create_one(module, trainee):
    quiz = make_quiz(module, max_attempts=2)
    first = start_attempt(user=trainee, quiz=quiz)
    submit_attempt(attempt=first)
    results = run_together(10, lambda: start_attempt(user=trainee, quiz=quiz).pk)
    assert not [r for r in results if isinstance(r, Exception) and not isinstance(r, AttemptError)]
    assert Attempt.objects.filter(quiz=quiz, user=trainee).count() == 2
    assert len({r for r in results if isinstance(r, int)}) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_submissions_score_once(module, trainee):
    quiz = make_quiz(module)
    attempt = start_attempt(user=trainee, quiz=quiz)
    results = run_together(10, lambda: submit_attempt(attempt=attempt).pk)
    successes = [r for r in results if isinstance(r, int)]
    refusals = [r for r in results if isinstance(r, AttemptError)]
    assert len(successes) == 1 and len(refusals) == 9
    attempt.refresh_from_db()
    assert attempt.status == "submitted"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_mark_complete_keeps_one_row(module, trainee):
    from courses.models import StepProgress
    from courses.progress import mark_step_complete
    from tests.factories.courses import add_lesson

    lesson = add_lesson(module)
    results = run_together(10, lambda: mark_step_complete(user=trainee, page=lesson).pk)
    assert not [r for r in results if isinstance(r, Exception)]
    assert StepProgress.objects.filter(user=trainee, page=lesson).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_questionnaire_submissions_keep_one_response(site_tree, trainee):
    from assessments.models import Participation, Response
    from assessments.questionnaires import ItemValue, ResponseRefused, submit_response
    from tests.factories.questionnaires import make_questionnaire

    for anonymity in ("named", "anonymous"):
        questionnaire = make_questionnaire(anonymity=anonymity)
        item = questionnaire.items.get(kind="rating")
        results = run_together(
            10,
            lambda q=questionnaire, i=item: submit_response(
                user=trainee, questionnaire=q, values={i.pk: ItemValue(number=3)}
            ),
        )
        assert not [r for r in results if isinstance(r, Exception) and not isinstance(r, ResponseRefused)]
        assert Response.objects.filter(questionnaire=questionnaire).count() == 1
        assert Participation.objects.filter(questionnaire=questionnaire).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_anonymous_submissions_by_different_trainees_keep_every_answer(site_tree, make_user):
    """Each anonymous submission re-writes the questionnaire's other responses: done at the same time,
    they must neither lose nor duplicate one."""
    from assessments.models import ItemAnswer, Participation, Response
    from assessments.questionnaires import ItemValue, submit_response
    from home.roles import Role
    from tests.factories.questionnaires import make_questionnaire

    questionnaire = make_questionnaire(anonymity="anonymous")
    item = questionnaire.items.get(kind="text")
    trainees = iter([make_user(Role.TRAINEE, username=f"c{n}") for n in range(8)])
    lock = threading.Lock()

    def submit():
        with lock:
            trainee = next(trainees)
        submit_response(
            user=trainee, questionnaire=questionnaire, values={item.pk: ItemValue(text=trainee.username)}
        )

    results = run_together(8, submit)
    assert [r for r in results if isinstance(r, Exception)] == []
    texts = ItemAnswer.objects.filter(response__questionnaire=questionnaire).values_list("text", flat=True)
    assert sorted(texts) == [f"c{n}" for n in range(8)]
    assert Response.objects.filter(questionnaire=questionnaire).count() == 8
    assert Participation.objects.filter(questionnaire=questionnaire).count() == 8

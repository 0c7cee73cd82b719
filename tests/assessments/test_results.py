from decimal import Decimal

import pytest

from assessments.attempts import Answer, start_attempt, submit_attempt
from assessments.results import item_analysis, knowledge_gain, trainee_results
from courses.models import Competence, Domain
from home.roles import Role
from tests.factories.assessments import make_question, make_quiz
from tests.paths import path_to
from tests.spreadsheets import csv_rows

pytestmark = pytest.mark.django_db


def answer(quiz, user, right: list[bool]) -> None:
    """Submit an attempt answering question n right or wrong (single-choice, first choice right)."""
    attempt = start_attempt(user=user, quiz=quiz)
    answers = {}
    for item in attempt.items.select_related("question"):
        choices = list(item.question.choices.order_by("sort_order"))
        pick = choices[0] if right[item.position - 1] else choices[1]
        answers[item.position] = Answer(choices=frozenset({pick.pk}))
    submit_attempt(attempt=attempt, answers=answers)


@pytest.fixture
def competences(db):
    domain = Domain.objects.create(key="d", name_fr="Domaine", name_ar="مجال")
    return [
        Competence.objects.create(key=f"C0{i}", domain=domain, name_fr=f"C{i}", name_ar=f"ك{i}", sort_order=i)
        for i in (1, 2)
    ]


@pytest.fixture
def paired_tests(module, competences):
    c1, c2 = competences
    questions = [make_question(competence=c1), make_question(competence=c1), make_question(competence=c2)]
    questions.append(make_question(competence=c2))
    pre = make_quiz(module, questions=questions, purpose="pre_test")
    post = make_quiz(module, questions=questions, purpose="post_test", paired_pre_test=pre)
    return pre, post


def test_gain_against_hand_computed_values(paired_tests, make_user):
    pre, post = paired_tests
    amira, walid, rim = (
        make_user(Role.TRAINEE, first_name=n, last_name="X") for n in ("Amira", "Walid", "Rim")
    )
    answer(pre, amira, [True, False, False, False])  # 25 %
    answer(post, amira, [True, True, True, False])  # 75 %  → gain (75-25)/75 = 0.667
    answer(pre, walid, [True, True, False, False])  # 50 %
    answer(post, walid, [True, True, True, True])  # 100 % → gain 1
    answer(pre, rim, [False, False, False, False])  # took only the pre-test: not counted
    report = knowledge_gain(post_test=post)
    rows = {row.trainee.first_name: row for row in report.trainees}
    assert set(rows) == {"Amira", "Walid"}
    assert (rows["Amira"].pre, rows["Amira"].post, rows["Amira"].gain) == (
        Decimal(25),
        Decimal(75),
        Decimal("0.667"),
    )
    assert rows["Walid"].gain == Decimal(1)
    assert report.mean_pre == Decimal("37.50") and report.mean_post == Decimal("87.50")
    assert report.mean_gain == Decimal("0.834")  # mean of 0.667 and 1
    by_competence = {row.competence.key: row for row in report.competences}
    # C01 (questions 1-2): pre Amira 50, Walid 100 → 75; post 100, 100 → 100; gain 1
    assert (by_competence["C01"].pre, by_competence["C01"].post) == (Decimal(75), Decimal(100))
    # C02 (questions 3-4): pre 0, 0 → 0; post Amira 50, Walid 100 → 75; gain 0.75
    assert by_competence["C02"].gain == Decimal("0.750")


def test_trainee_results_and_item_analysis(module, make_user):
    quiz = make_quiz(module, questions=[make_question(), make_question()], pass_mark=50)
    amira, walid = make_user(Role.TRAINEE, first_name="Amira"), make_user(Role.TRAINEE, first_name="Walid")
    answer(quiz, amira, [False, False])
    answer(quiz, amira, [True, False])
    answer(quiz, walid, [True, True])
    results = {r.trainee.first_name: r for r in trainee_results(quiz=quiz)}
    assert (results["Amira"].attempts, results["Amira"].best, results["Amira"].last) == (2, 50, 50)
    assert results["Amira"].passed and results["Walid"].grade == 100
    first, second = item_analysis(quiz=quiz)
    assert (first.correct, first.answered, first.missed_by) == (2, 2, [])
    assert (second.correct, second.percent_correct, second.missed_by) == (1, 50, [amira.get_full_name()])


def test_trainer_reads_quiz_results_and_exports_them(client, trainer, module, make_user):
    quiz = make_quiz(module, questions=[make_question()])
    answer(quiz, make_user(Role.TRAINEE, first_name="@Amira", last_name="B"), [True])
    client.force_login(trainer)
    assert client.get(path_to("assessments_quiz_results", quiz_id=quiz.pk)).status_code == 200
    response = client.get(path_to("assessments_quiz_results", quiz_id=quiz.pk, query={"export": "csv"}))
    rows = csv_rows(response)
    assert rows[1][0] == "'@Amira B"  # neutralised


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 302), (Role.TRAINEE, 403), (Role.OTE_APPROVER, 403), (Role.TASK_FORCE, 200), (Role.TRAINER, 200)],
)
def test_gain_view_is_for_reviewers(client, paired_tests, make_user, role, status):
    _pre, post = paired_tests
    if role:
        client.force_login(make_user(role))
    assert client.get(path_to("lms:review:gain", post_test_id=post.pk)).status_code == status
    assert client.get(path_to("lms:review:index")).status_code == status

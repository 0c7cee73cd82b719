"""The pass rule (`assessments/outcome.py`) read the same on every page.

For every grading method and attempt sequence, the trainee's review and quiz pages, the step
completion, the trainer's quiz results, the progress matrix and the trainee's certificates agree:
passed once the grade under the method reaches the pass mark, never taken back by a later attempt.
"""

import re
from decimal import Decimal

import pytest
from django.utils import translation

from assessments.models import Attempt
from assessments.scoring import GradingMethod, QuestionKind
from courses.models import StepProgress
from home.roles import Role
from tests.conftest import translated
from tests.factories.assessments import choice_letters, make_question, make_quiz
from tests.factories.courses import enrol, make_course
from tests.paths import path_to

pytestmark = pytest.mark.django_db

PASS, FAIL = "pass", "fail"
SEQUENCES = {"pass→fail": (PASS, FAIL), "fail→pass": (FAIL, PASS), "fail→fail": (FAIL, FAIL)}

# method, sequence: passed?, grade under the method (scores are 100 % and 0 %, pass mark 60 %)
EXPECTED = {
    ("highest", "pass→fail"): (True, 100),
    ("highest", "fail→pass"): (True, 100),
    ("highest", "fail→fail"): (False, 0),
    ("last", "pass→fail"): (True, 0),
    ("last", "fail→pass"): (True, 100),
    ("last", "fail→fail"): (False, 0),
    ("first", "pass→fail"): (True, 100),
    ("first", "fail→pass"): (False, 0),
    ("first", "fail→fail"): (False, 0),
    ("average", "pass→fail"): (True, 50),
    ("average", "fail→pass"): (False, 50),
    ("average", "fail→fail"): (False, 0),
}


def _take(client, quiz, outcome: str) -> Attempt:
    assert client.post(quiz.url + "start/").status_code == 302
    attempt = Attempt.objects.latest("pk")
    question = quiz.slots.get().question
    data = {"action": "submit"}
    if outcome == PASS:
        data["q1"] = choice_letters(question, correct=True)[0]
    assert client.post(f"{quiz.url}attempt/{attempt.pk}/", data).status_code == 302
    return attempt


def _row_of(html: str, name: str) -> str:
    headings = (
        f'<th scope="row">{name}</th>',
        f'<th scope="row"><bdi>{name}</bdi></th>',
        f'<th scope="row" class="matrix-name"><bdi>{name}</bdi>',  # the matrix (a flag may follow)
    )
    rows = [row for row in re.findall(r"<tr>.*?</tr>", html, flags=re.S) if any(h in row for h in headings)]
    assert len(rows) == 1, rows
    return rows[0]


def _verdict(passed: bool, language: str) -> str:
    text = "Passed (pass mark %(mark)s)." if passed else "Not passed yet (pass mark %(mark)s)."
    return translated(text, language) % {"mark": '<bdi dir="ltr">60 %</bdi>'}


@pytest.mark.parametrize("sequence", list(SEQUENCES))
@pytest.mark.parametrize("method", ["highest", "last", "first", "average"])
def test_every_page_agrees_on_the_pass(client, site_tree, make_user, trainer, method, sequence):
    passed, grade = EXPECTED[(method, sequence)]
    course = make_course(modules=1, lessons=0)  # the quiz is the course's only step
    module = course.get_children().first().specific
    question = make_question(QuestionKind.SINGLE)
    quiz = make_quiz(module, questions=[question], pass_mark=60, grading_method=method)
    trainee = make_user(Role.TRAINEE, first_name="Amira", last_name="Ben Ali")
    cohort = enrol(trainee, course)
    client.force_login(trainee)
    attempts = [_take(client, quiz, outcome) for outcome in SEQUENCES[sequence]]

    # The trainee's pages, in both languages: the review of the last attempt and the quiz page.
    for language in ("fr", "ar"):
        with translation.override(language):
            quiz_url = quiz.url
            method_name = str(GradingMethod(method).label).lower()
        review = client.get(f"{quiz_url}attempt/{attempts[-1].pk}/review/").content.decode()
        overview = client.get(quiz_url).content.decode()
        for page in (review, overview):
            assert _verdict(passed, language) in page, language
            assert _verdict(not passed, language) not in page, language
        grade_line = "Your grade for this quiz (%(method)s): %(grade)s"
        isolated = f'<bdi dir="ltr">{grade} %</bdi>'
        assert translated(grade_line, language) % {"method": method_name, "grade": isolated} in review
        assert f"{isolated} <span" in overview

    # The step: completed exactly when passed, with the grade under the method.
    progress = StepProgress.objects.get(user=trainee, page=quiz)
    assert (progress.completed_at is not None) == passed
    assert progress.score == Decimal(grade)

    # The certificate follows the course's completion.
    certificates = client.get(path_to("lms:certificates")).content.decode()
    assert (f"course-{course.pk}.pdf" in certificates) == passed

    # The trainer's quiz results and progress matrix.
    client.force_login(trainer)
    results = _row_of(
        client.get(path_to("assessments_quiz_results", quiz_id=quiz.pk)).content.decode(), "Amira Ben Ali"
    )
    assert ("✓" in results, "✗" in results) == (passed, not passed)
    assert re.findall(r"<td>(.*?)</td>", results)[3] == f'<bdi dir="ltr">{grade} %</bdi>'  # the grade kept
    matrix = _row_of(
        client.get(path_to("courses_progress", cohort_id=cohort.pk)).content.decode(), "Amira Ben Ali"
    )
    # The matrix says passed or failed, with the grade, as the quiz pages do.
    assert f"matrix-{'passed' if passed else 'failed'}" in matrix
    assert f"matrix-{'failed' if passed else 'passed'}" not in matrix
    assert f' <bdi dir="ltr">{grade} %</bdi>' in matrix

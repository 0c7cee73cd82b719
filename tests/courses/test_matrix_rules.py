"""The progress matrix's rules: one row per trainee in name order, a cell per live step of the
cohort's courses, and figures read from that cohort's courses only; short headings, passed and
failed for graded quizzes only, and who is behind the cohort's pace."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from assessments.models.quiz import QuizPurpose
from courses.matrix import (
    FAILED,
    PASSED,
    cell_kind,
    cohort_matrix,
    graded_steps,
)
from courses.models import Cohort, StepProgress
from courses.progress import (
    COMPLETED,
    IN_PROGRESS,
    NOT_STARTED,
    mark_step_complete,
    record_step_score,
    record_visit,
)
from courses.schedule import expected_percent, is_behind
from home.roles import Role
from tests.factories.assessments import make_quiz
from tests.factories.courses import enrol, lessons_of, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(site_tree, make_user):
    course = make_course(modules=2, lessons=2)
    other_course = make_course(modules=1, lessons=1)
    zied = make_user(Role.TRAINEE, username="zied", first_name="Zied", last_name="Trabelsi")
    amira = make_user(Role.TRAINEE, username="amira", first_name="Amira", last_name="Ben Ali")
    nour = make_user(Role.TRAINEE, username="nour", first_name="Nour", last_name="Ben Ali")
    cohort = enrol(zied, course)
    for trainee in (amira, nour):
        enrol(trainee, course, cohort=cohort)
    enrol(amira, other_course)
    first, second, third, _fourth = lessons_of(course)
    mark_step_complete(user=amira, page=first, score=Decimal("87.50"))
    mark_step_complete(user=amira, page=third)
    record_visit(user=amira, page=second)
    mark_step_complete(user=zied, page=first, score=Decimal("40"))
    record_visit(user=amira, page=lessons_of(other_course)[0])  # another course: not in this matrix
    return cohort


def test_rows_are_trainees_in_name_order_with_a_cell_per_step(cohort):
    matrix = cohort_matrix(cohort=cohort)
    names = [row.trainee.get_full_name() for row in matrix.rows]
    assert names == ["Amira Ben Ali", "Nour Ben Ali", "Zied Trabelsi"]
    assert len(matrix.columns) == 4
    amira, nour, zied = matrix.rows
    assert [cell.status for cell in amira.cells] == [COMPLETED, IN_PROGRESS, COMPLETED, NOT_STARTED]
    assert str(amira.cells[0].score) in {"87.5", "87.50"}  # a Decimal, as stored
    assert amira.cells[2].score is None
    assert (amira.completed, amira.percent) == (2, 50)
    assert [cell.status for cell in nour.cells] == [NOT_STARTED] * 4
    assert (nour.completed, nour.percent, nour.last_activity) == (0, 0, None)
    assert zied.cells[0].score == Decimal("40")
    assert matrix.completed_per_step == [2, 0, 1, 0]


def test_last_activity_is_the_latest_opening_in_the_cohorts_courses(cohort):
    amira_rows = StepProgress.objects.filter(user__username="amira")
    long_ago = timezone.now() - timedelta(days=30)
    amira_rows.update(last_opened_at=long_ago)
    latest = long_ago + timedelta(days=2)
    in_cohort = amira_rows.filter(page__in=[column.step for column in cohort_matrix(cohort=cohort).columns])
    in_cohort.filter(pk=in_cohort.order_by("pk").last().pk).update(last_opened_at=latest)
    amira_rows.exclude(pk__in=in_cohort).update(last_opened_at=long_ago + timedelta(days=9))
    assert cohort_matrix(cohort=cohort).rows[0].last_activity == latest


def test_a_cohort_without_live_steps_lists_its_trainees_with_no_cell(cohort):
    for course in cohort.courses.all():
        for lesson in lessons_of(course):
            lesson.unpublish()
    matrix = cohort_matrix(cohort=cohort)
    assert matrix.columns == [] and len(matrix.rows) == 3
    assert all(row.cells == [] and row.last_activity is None for row in matrix.rows)


def test_a_course_completed_before_a_new_lesson_stays_at_100_with_the_lesson_marked_new(cohort):
    from tests.factories.courses import add_lesson

    amira = cohort.trainees.get(username="amira")
    course = cohort.courses.get()
    for lesson in lessons_of(course):
        mark_step_complete(user=amira, page=lesson)
    new = add_lesson(course.get_children().first().specific)
    matrix = cohort_matrix(cohort=cohort)
    row = matrix.rows[0]
    assert (row.completed, len(row.cells), row.percent) == (4, 5, 100)
    new_cell = next(
        cell for column, cell in zip(matrix.columns, row.cells, strict=True) if column.step.pk == new.pk
    )
    assert new_cell.is_new and new_cell.status == NOT_STARTED
    assert not any(cell.is_new for cell in matrix.rows[1].cells)  # Nour never completed the course


def test_headings_are_short_with_the_full_title_beside_in_both_languages(cohort):
    with translation.override("fr"):
        columns = cohort_matrix(cohort=cohort).columns
        assert [column.short_label for column in columns] == ["M1·L1", "M1·L2", "M2·L1", "M2·L2"]
        first = columns[0]
        assert first.full_title == f"{first.module.title} / {first.step.title}"
        french_title = first.full_title
    with translation.override("ar"):
        columns = cohort_matrix(cohort=cohort).columns
        assert [column.short_label for column in columns] == ["و1·د1", "و1·د2", "و2·د1", "و2·د2"]
        assert columns[0].full_title == f"{columns[0].module.title} / {columns[0].step.title}"
        assert columns[0].full_title != french_title  # the Arabic titles, not the French ones
        assert "وحدة" in columns[0].full_title


@pytest.fixture
def quizzes(cohort):
    """Module 1 of the cohort's course gets a graded quiz and a pre-test after its two lessons."""
    module = cohort.courses.get().get_children().first()
    return {
        "graded": make_quiz(module, purpose=QuizPurpose.GRADED),
        "pre_test": make_quiz(module, purpose=QuizPurpose.PRE_TEST),
    }


def test_a_graded_quiz_is_passed_or_failed_and_a_pre_test_only_completed(cohort, quizzes):
    amira, nour, zied = (cohort.trainees.get(username=name) for name in ("amira", "nour", "zied"))
    mark_step_complete(user=amira, page=quizzes["graded"], score=Decimal("80"))  # passed: completed
    record_step_score(user=nour, page=quizzes["graded"], score=Decimal("40"))  # below the pass mark
    mark_step_complete(user=zied, page=quizzes["pre_test"], score=Decimal("20"))  # a pre-test has no pass

    matrix = cohort_matrix(cohort=cohort)
    with translation.override("fr"):
        assert [column.short_label for column in matrix.columns[:4]] == ["M1·L1", "M1·L2", "M1·Q1", "M1·Q2"]
    graded, pre_test = matrix.columns[2], matrix.columns[3]
    assert (graded.graded, pre_test.graded) == (True, False)
    quiz_columns = matrix.columns[2:4]
    kinds = {
        row.trainee.username: [
            cell_kind(cell, graded=column.graded)
            for column, cell in zip(quiz_columns, row.cells[2:4], strict=True)
        ]
        for row in matrix.rows
    }
    assert kinds == {
        "amira": [PASSED, NOT_STARTED],
        "nour": [FAILED, NOT_STARTED],
        "zied": [NOT_STARTED, COMPLETED],
    }


def test_which_steps_are_graded_is_read_once_until_a_page_changes(cohort, quizzes, django_assert_num_queries):
    ids = [quizzes["graded"].pk, quizzes["pre_test"].pk, lessons_of(cohort.courses.get())[0].pk]
    assert graded_steps(step_ids=ids) == {quizzes["graded"].pk}
    with django_assert_num_queries(0):
        assert graded_steps(step_ids=ids) == {quizzes["graded"].pk}
    quizzes["pre_test"].purpose = QuizPurpose.GRADED
    quizzes["pre_test"].save()
    assert graded_steps(step_ids=ids) == {quizzes["graded"].pk, quizzes["pre_test"].pk}


START, END = date(2026, 10, 5), date(2027, 1, 29)  # 116 days


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 9, 1), 0),  # before the start
        (START, 0),
        (date(2026, 12, 2), 50),  # 58 days of 116
        (date(2026, 12, 3), 50),  # 59 / 116 = 50.9: rounded down, as every percentage
        (END, 100),
        (date(2027, 6, 1), 100),  # after the end
    ],
)
def test_the_expected_progress_follows_a_steady_pace_from_start_to_end(today, expected):
    cohort = Cohort(name="C", start_date=START, end_date=END)
    assert expected_percent(cohort=cohort, today=today) == expected


@pytest.mark.parametrize(("start", "end"), [(None, END), (START, None), (END, START)])
def test_no_pace_without_a_start_and_a_later_end(start, end):
    cohort = Cohort(name="C", start_date=start, end_date=end)
    assert expected_percent(cohort=cohort, today=date(2026, 12, 3)) is None
    assert not is_behind(percent=0, expected=None)


def test_trainees_below_the_pace_are_behind_schedule(cohort):
    cohort.start_date, cohort.end_date = START, END
    cohort.save()
    matrix = cohort_matrix(cohort=cohort, today=date(2026, 12, 2))  # 50 % expected
    assert matrix.expected_percent == 50
    progress = {row.trainee.username: (row.percent, row.behind) for row in matrix.rows}
    assert progress == {"amira": (50, False), "nour": (0, True), "zied": (25, True)}
    assert [row.trainee.username for row in matrix.behind] == ["nour", "zied"]
    assert not any(row.behind for row in cohort_matrix(cohort=cohort, today=START).rows)


def test_a_cohort_without_dates_has_nobody_behind_schedule(cohort):
    matrix = cohort_matrix(cohort=cohort)
    assert matrix.expected_percent is None and matrix.behind == []

"""The progress matrix's rules: one row per trainee in name order, a cell per live step of the
cohort's courses, and figures read from that cohort's courses only."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from courses.matrix import cohort_matrix
from courses.models import StepProgress
from courses.progress import COMPLETED, IN_PROGRESS, NOT_STARTED, mark_step_complete, record_visit
from home.roles import Role
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

import io

import pytest
from openpyxl import load_workbook

from courses.progress import mark_step_complete, record_visit
from home.roles import Role
from tests.factories.courses import enrol, lessons_of, make_course
from tests.spreadsheets import csv_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort_with_progress(site_tree, make_user):
    course = make_course(modules=1, lessons=3)
    first, second, _third = lessons_of(course)
    amira = make_user(Role.TRAINEE, first_name="Amira", last_name="Ben Ali")
    walid = make_user(Role.TRAINEE, first_name="Walid", last_name="=HYPERLINK(1)")
    cohort = enrol(amira, course)
    enrol(walid, course, cohort=cohort)
    mark_step_complete(user=amira, page=first)
    record_visit(user=amira, page=second)
    return cohort


def test_matrix_shows_each_trainee_and_step_in_words(client, trainer, cohort_with_progress):
    client.force_login(trainer)
    response = client.get(f"/admin/progress/{cohort_with_progress.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Amira Ben Ali" in html
    assert html.count("✓") >= 1 and "◐" in html  # symbols and words, not colour alone


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.TASK_FORCE])
def test_matrix_is_for_trainers_only(client, make_user, cohort_with_progress, role):
    client.force_login(make_user(role))
    response = client.get(f"/admin/progress/{cohort_with_progress.pk}/")
    assert response.status_code in {302, 403}


def test_csv_export_neutralises_formulas(client, trainer, cohort_with_progress):
    client.force_login(trainer)
    response = client.get(f"/admin/progress/{cohort_with_progress.pk}/?export=csv")
    rows = csv_rows(response)
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Amira Ben Ali"][-3:-1] == ["1", "33"]  # steps completed, percent
    assert "Walid =HYPERLINK(1)" in by_name  # starts with a letter: left as it is


def test_xlsx_export_has_no_formula_cell(client, trainer, cohort_with_progress):
    cohort_with_progress.trainees.first().__class__.objects.filter(last_name="=HYPERLINK(1)").update(
        first_name="", last_name="=HYPERLINK(1)"
    )
    client.force_login(trainer)
    response = client.get(f"/admin/progress/{cohort_with_progress.pk}/?export=xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert any(cell.value == "'=HYPERLINK(1)" for cell in cells)


@pytest.mark.parametrize("trainees", [3, 30])
def test_matrix_query_count_is_independent_of_cohort_size(
    client, trainer, site_tree, make_user, trainees, django_assert_max_num_queries
):
    course = make_course(modules=2, lessons=trainees // 3 + 1)
    cohort = None
    for _ in range(trainees):
        trainee = make_user(Role.TRAINEE)
        cohort = enrol(trainee, course, cohort=cohort)
        mark_step_complete(user=trainee, page=lessons_of(course)[0])
    client.force_login(trainer)
    client.get(f"/admin/progress/{cohort.pk}/")
    # 12: 7 for any admin page (session, user with profile, permissions with roles, locales, three
    # for the menu), 4 the matrix's (cohort, courses, trainees with progress, their completed courses;
    # outline from the cache), 1 for the attempts to submit first because their quiz has closed or their
    # time is over.
    with django_assert_max_num_queries(12):
        assert client.get(f"/admin/progress/{cohort.pk}/").status_code == 200

"""The trainer's progress matrix as a trainer sees it: short headings with the full title, symbols
with words, the behind-schedule filter, the exports offered at the top, the XLSX laid out to read,
formulas neutralised, and as many queries for 3 trainees as for 30."""

import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from assessments.models.quiz import QuizPurpose
from courses.progress import mark_step_complete, record_step_score, record_visit
from home.roles import Role
from tests.factories.assessments import make_quiz
from tests.factories.courses import enrol, lessons_of, make_course
from tests.paths import path_to
from tests.spreadsheets import csv_rows

pytestmark = pytest.mark.django_db


def _speaking(user, language: str):
    """The admin follows the account's language."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def _workbook(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


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
    response = client.get(path_to("courses_progress", cohort_id=cohort_with_progress.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Amira Ben Ali" in html
    assert html.count("✓") >= 1 and "◐" in html  # symbols and words, not colour alone


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.TASK_FORCE])
def test_matrix_is_for_trainers_only(client, make_user, cohort_with_progress, role):
    client.force_login(make_user(role))
    response = client.get(path_to("courses_progress", cohort_id=cohort_with_progress.pk))
    assert response.status_code in {302, 403}


def test_csv_export_neutralises_formulas(client, trainer, cohort_with_progress):
    client.force_login(trainer)
    response = client.get(
        path_to("courses_progress", cohort_id=cohort_with_progress.pk, query={"export": "csv"})
    )
    rows = csv_rows(response)
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Amira Ben Ali"][-3:-1] == ["1", "33"]  # steps completed, percent
    assert "Walid =HYPERLINK(1)" in by_name  # starts with a letter: left as it is


def test_xlsx_export_has_no_formula_cell(client, trainer, cohort_with_progress):
    cohort_with_progress.trainees.first().__class__.objects.filter(last_name="=HYPERLINK(1)").update(
        first_name="", last_name="=HYPERLINK(1)"
    )
    client.force_login(trainer)
    response = client.get(
        path_to("courses_progress", cohort_id=cohort_with_progress.pk, query={"export": "xlsx"})
    )
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert any(cell.value == "'=HYPERLINK(1)" for cell in cells)


def _matrix_queries(client, cohort) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path_to("courses_progress", cohort_id=cohort.pk)).status_code == 200
    return len(queries)


def test_matrix_query_count_is_the_same_for_3_and_30_trainees(client, trainer, site_tree, make_user):
    course = make_course(modules=2, lessons=4)
    make_quiz(course.get_children().first(), purpose=QuizPurpose.GRADED)
    first = lessons_of(course)[0]
    cohort = None
    for _ in range(3):
        trainee = make_user(Role.TRAINEE)
        cohort = enrol(trainee, course, cohort=cohort)
        mark_step_complete(user=trainee, page=first)
    client.force_login(trainer)
    # The outline and the graded steps are cached.
    client.get(path_to("courses_progress", cohort_id=cohort.pk))
    small = _matrix_queries(client, cohort)
    for _ in range(27):
        trainee = make_user(Role.TRAINEE)
        enrol(trainee, course, cohort=cohort)
        mark_step_complete(user=trainee, page=first)
    large = _matrix_queries(client, cohort)
    # 10: 7 for any admin page (session, user with its roles, permissions, Wagtail's locales, three
    # for its menu), 2 the matrix's (the cohort with its live courses' ids, the trainees with their
    # progress, completed courses and works to review, `courses.matrix.MatrixNoticeSource`; the
    # courses, outline and graded steps from the cache), 1 for the attempts to submit first because
    # their quiz has closed or their time is over.
    assert small == large == 10


@pytest.fixture
def paced_cohort(site_tree, make_user):
    """Two trainees on a four-lesson course half-way through the cohort's dates: Amira on pace
    (2 of 4), Walid behind (1 of 4, with a quiz failed)."""
    course = make_course(modules=1, lessons=4)
    module = course.get_children().first()
    quiz = make_quiz(module, purpose=QuizPurpose.GRADED)
    lessons = lessons_of(course)
    amira = make_user(Role.TRAINEE, first_name="Amira", last_name="Ben Ali")
    walid = make_user(Role.TRAINEE, first_name="Walid", last_name="Jendoubi")
    cohort = enrol(amira, course)
    enrol(walid, course, cohort=cohort)
    today = timezone.localdate()
    cohort.name = "Cohorte [pilote]: OTE/2026 * très longue ?"
    cohort.start_date, cohort.end_date = today - timedelta(days=50), today + timedelta(days=50)
    cohort.save()
    for lesson in lessons[:2]:
        mark_step_complete(user=amira, page=lesson)
    mark_step_complete(user=amira, page=quiz, score=85)
    mark_step_complete(user=walid, page=lessons[0])
    record_step_score(user=walid, page=quiz, score=40)
    return cohort


@pytest.mark.parametrize(
    ("language", "headings", "passed", "failed", "behind"),
    [
        (
            "fr",
            ["M1·L1", "M1·L2", "M1·L3", "M1·L4", "M1·Q1"],
            "réussi",
            "non réussi",
            "En retard sur le calendrier",
        ),
        ("ar", ["و1·د1", "و1·د2", "و1·د3", "و1·د4", "و1·اخ1"], "ناجح", "غير ناجح", "في تأخّر عن الرزنامة"),
    ],
)
def test_headings_are_short_with_the_full_title_on_focus_and_states_in_words(
    client, trainer, paced_cohort, language, headings, passed, failed, behind
):
    client.force_login(_speaking(trainer, language))
    html = client.get(path_to("courses_progress", cohort_id=paced_cohort.pk)).content.decode()
    shown = re.findall(
        r'<span class="matrix-step-short" tabindex="0" aria-describedby="([^"]+)">([^<]+)</span>', html
    )
    assert [label for _id, label in shown] == headings
    for described_by, _label in shown:  # the full title, read with the heading and shown on focus
        tooltip = re.search(
            rf'<span class="matrix-step-full" id="{described_by}" role="tooltip">([^<]+)</span>', html
        )
        assert tooltip and " / " in tooltip.group(1)
    walid = html[html.index("Walid Jendoubi") :].split("</tr>")[0]
    assert f'<span class="matrix-sr">{failed}</span> <bdi dir="ltr">40 %</bdi>' in walid
    assert '<span aria-hidden="true">✗</span>' in walid  # a symbol, not colour alone
    amira = html[html.index("Amira Ben Ali") :].split("</tr>")[0]
    assert f'<span class="matrix-sr">{passed}</span> <bdi dir="ltr">85 %</bdi>' in amira
    assert behind in html  # the filter, and the flag on Walid's name
    assert "matrix-behind-flag" in walid and "matrix-behind-flag" not in amira


def test_behind_schedule_filter_keeps_only_those_behind_on_screen_and_in_the_export(
    client, trainer, paced_cohort
):
    client.force_login(trainer)
    url = path_to("courses_progress", cohort_id=paced_cohort.pk)
    everyone = client.get(url).content.decode()
    assert "Amira Ben Ali" in everyone and "Walid Jendoubi" in everyone
    assert '<span class="matrix-count">(1)</span>' in everyone  # one behind, said on the filter
    behind = client.get(url + "?behind=1").content.decode()
    assert "Walid Jendoubi" in behind and "Amira Ben Ali" not in behind
    assert 'href="' + url + '?behind=1" class="button button-small" aria-current="page"' in behind
    rows = csv_rows(client.get(url + "?behind=1&export=csv"))
    assert [row[0] for row in rows[1:]] == ["Walid Jendoubi"]


def test_nobody_behind_says_so_and_offers_everyone(client, trainer, paced_cohort):
    paced_cohort.start_date = paced_cohort.end_date = None
    paced_cohort.save()
    client.force_login(trainer)
    html = client.get(
        path_to("courses_progress", cohort_id=paced_cohort.pk, query={"behind": 1})
    ).content.decode()
    assert "en retard sur le calendrier. Afficher tous les apprenants.</a>" in html  # the admin speaks French
    assert "Walid Jendoubi" not in html


def test_export_buttons_are_offered_above_the_table(client, trainer, paced_cohort):
    client.force_login(trainer)
    url = path_to("courses_progress", cohort_id=paced_cohort.pk)
    html = client.get(url + "?behind=1").content.decode()
    table = html.index('<table class="progress-matrix">')
    for export_format in ("xlsx", "csv"):
        link = html.index(f'href="{url}?behind=1&amp;export={export_format}"')
        assert link < table, export_format


def test_xlsx_export_is_a_named_sheet_with_frozen_headings_and_names(client, trainer, paced_cohort):
    client.force_login(trainer)
    workbook = _workbook(
        client.get(path_to("courses_progress", cohort_id=paced_cohort.pk, query={"export": "xlsx"}))
    )
    sheet = workbook.active
    assert sheet.title == "Cohorte pilote OTE 2026 très lo"  # 31 characters, none of []:*?/\
    assert len(sheet.title) <= 31 and not set(sheet.title) & set("[]:*?/\\")
    assert sheet.freeze_panes == "B2"  # the headings row and the names column stay in view
    assert sheet.column_dimensions["A"].width == 28
    assert sheet.column_dimensions["B"].width == 14  # a step
    headings = [cell.value for cell in sheet[1]]
    assert headings[1].endswith("(M1·L1)") and " / " in headings[1]
    walid = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Walid Jendoubi")
    assert walid[5] == "non réussi (40 %)"  # in the trainer's language


def test_xlsx_sheet_name_falls_back_when_the_cohort_name_leaves_nothing(client, trainer, paced_cohort):
    paced_cohort.name = "[*]"
    paced_cohort.save()
    client.force_login(trainer)
    assert (
        _workbook(
            client.get(path_to("courses_progress", cohort_id=paced_cohort.pk, query={"export": "xlsx"}))
        ).active.title
        == "Progression"
    )

"""Every spreadsheet export, ours and Wagtail's own: no formula cell, headings included, and CSV
that opens right in a French-locale Excel (UTF-8 with a byte-order mark, `;`, decimal comma)."""

import pytest
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.models import Page

from assessments.attempts import Answer, start_attempt, submit_attempt
from courses.models import Competence
from home import exports
from home.roles import Role
from tests.factories.assessments import make_question, make_quiz
from tests.factories.courses import make_course
from tests.factories.questionnaires import make_competences, make_questionnaire
from tests.paths import path_to
from tests.spreadsheets import csv_rows, xlsx_cells

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture
def questionnaire_with_formula_heading(site_tree):
    competences = make_competences()
    Competence.objects.filter(pk=competences[0].pk).update(name_fr=FORMULA)
    return make_questionnaire(competences=competences)


def test_task_force_xlsx_headings_are_never_formulas(client, task_force, questionnaire_with_formula_heading):
    client.force_login(task_force)
    url = path_to(
        "lms:review:responses_export",
        questionnaire_id=questionnaire_with_formula_heading.pk,
        export_format="xlsx",
    )
    cells = xlsx_cells(client.get(url))
    assert all(cell.data_type != "f" for cell in cells)
    assert any(str(cell.value).startswith("'" + FORMULA) for cell in cells)


def test_task_force_csv_headings_are_neutralised(client, task_force, questionnaire_with_formula_heading):
    client.force_login(task_force)
    url = path_to(
        "lms:review:responses_export",
        questionnaire_id=questionnaire_with_formula_heading.pk,
        export_format="csv",
    )
    headings = csv_rows(client.get(url))[0]
    assert [h for h in headings if h.startswith(exports.FORMULA_TRIGGERS)] == []
    assert any(h.startswith("'" + FORMULA) for h in headings)


def test_trainer_matrix_headings_from_module_titles_are_neutralised(client, trainer, make_user, site_tree):
    from courses.models import Cohort

    course = make_course(modules=1, lessons=1)
    module = course.get_children().first()
    Page.objects.filter(pk=module.pk).update(title="=1+1")
    module.specific.__class__.objects.filter(pk=module.pk).update(title_fr="=1+1")
    cohort = Cohort.objects.create(name="C")
    cohort.courses.add(course)
    client.force_login(trainer)
    cells = xlsx_cells(client.get(path_to("courses_progress", cohort_id=cohort.pk, query={"export": "xlsx"})))
    assert all(cell.data_type != "f" for cell in cells)
    assert any(str(cell.value).startswith("'=1+1 / ") for cell in cells)


def test_wagtail_site_history_export_is_neutralised(client, make_user, site_tree):
    admin = make_user(username="root", is_superuser=True, is_staff=True)
    page = site_tree.add_child(instance=Page(title=FORMULA, slug="evil"))
    page.save_revision(user=admin).publish(user=admin)
    client.force_login(admin)
    for export_format in ("csv", "xlsx"):
        response = client.get(path_to("wagtailadmin_reports:site_history", query={"export": export_format}))
        assert response.status_code == 200
        if export_format == "csv":
            cells = [cell for row in csv_rows(response) for cell in row]
        else:
            cells = [str(cell.value) for cell in xlsx_cells(response)]
        assert "'" + FORMULA in cells and FORMULA not in cells, export_format


def test_csv_opens_in_french_excel_with_decimal_comma(client, trainer, make_user, site_tree):
    course = make_course(modules=1, lessons=1)
    quiz = make_quiz(course.get_children().first().specific, questions=[make_question() for _ in range(3)])
    trainee = make_user(Role.TRAINEE, first_name="Amira", last_name="Ben Ali")
    attempt = start_attempt(user=trainee, quiz=quiz)
    answers = {}
    for item in attempt.items.select_related("question"):
        choices = list(item.question.choices.order_by("sort_order"))
        answers[item.position] = Answer(choices=frozenset({choices[0 if item.position == 1 else 1].pk}))
    submit_attempt(attempt=attempt, answers=answers)
    client.force_login(trainer)
    response = client.get(path_to("assessments_quiz_results", quiz_id=quiz.pk, query={"export": "csv"}))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    headings, row = csv_rows(response)  # starts with the byte-order mark, `;`-separated
    assert headings[:3] == ["Apprenant", "Tentatives", "Meilleur score (%)"]
    assert row[0] == "Amira Ben Ali" and row[2] == "33,33"


class Export(SpreadsheetExportMixin):
    list_export = ["name", "score", "when"]
    export_headings = {"name": "Name", "score": "Score", "when": "When"}


def test_patched_methods_agree_with_wagtail_on_harmless_values():
    """Upgrade check: on values with nothing to neutralise, the patched methods give Wagtail's result
    (CSV apart from its separator and byte-order mark)."""
    import csv
    import io
    from datetime import date

    view = Export()
    rows = [{"name": "Amira", "score": 12, "when": date(2026, 12, 3)}]
    view.to_row_dict = lambda item: item
    ours = b"".join(view.stream_csv(rows)).decode()
    wagtail = b"".join(exports.WAGTAIL_ORIGINALS["stream_csv"](view, rows)).decode()
    assert ours.startswith(exports.CSV_BYTE_ORDER_MARK)
    assert list(csv.reader(io.StringIO(ours[1:]), delimiter=";")) == list(csv.reader(io.StringIO(wagtail)))
    for field, value in rows[0].items():
        for export_format in view.FORMATS:
            assert view.preprocess_field_value(field, value, export_format) == exports.WAGTAIL_ORIGINALS[
                "preprocess_field_value"
            ](view, field, value, export_format)
    assert [view.get_heading(None, f) for f in view.list_export] == ["Name", "Score", "When"]

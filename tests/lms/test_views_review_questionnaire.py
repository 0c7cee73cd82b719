import io
import re
import shutil
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from assessments.models import MeetingMinutes, QuestionnairePage
from assessments.questionnaires import ItemValue, submit_response
from courses.models import Cohort
from home.roles import Role
from tests.factories.questionnaires import make_questionnaire
from tests.paths import path_to

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def urls(q: QuestionnairePage, lang: str = "fr") -> list[str]:
    base = path_to("lms:review:results", language=lang, questionnaire_id=q.pk)
    return [base, base + "minutes/", base + "minutes/edit/", base + "responses.csv", base + "responses.xlsx"]


def answer(questionnaire, user, level: int, text: str = "") -> None:
    values = {
        item.pk: ItemValue(number=level, importance=5)
        for item in questionnaire.items.filter(kind="competence")
    }
    if text:
        values[questionnaire.items.get(kind="text").pk] = ItemValue(text=text)
    submit_response(user=user, questionnaire=questionnaire, values=values)


@pytest.mark.parametrize(
    ("role", "status", "edit_status"),
    [
        (None, 302, 302),
        (Role.TRAINEE, 403, 403),
        (Role.OTE_APPROVER, 403, 403),
        (Role.TASK_FORCE, 200, 403),  # the task force reads; the trainer drafts the minutes
        (Role.TRAINER, 200, 200),
    ],
)
def test_review_urls_per_role(client, site_tree, make_user, role, status, edit_status):
    questionnaire = make_questionnaire()
    if role:
        client.force_login(make_user(role))
    for url in urls(questionnaire):
        expected = edit_status if url.endswith("/edit/") else status
        assert client.get(url).status_code == expected, url


def test_unknown_export_format_is_not_found(client, site_tree, task_force):
    questionnaire = make_questionnaire()
    client.force_login(task_force)
    assert (
        client.get(
            path_to("lms:review:responses_export", questionnaire_id=questionnaire.pk, export_format="pdf")
        ).status_code
        == 404
    )


def test_swapping_two_anonymous_trainees_changes_nothing(client, site_tree, make_user, task_force):
    """Every review page and export is identical when two trainees swap their answers."""

    def run(first_level: int, second_level: int) -> list[bytes]:
        cohort = Cohort.objects.create(name=f"Cohorte {first_level}")
        questionnaire = make_questionnaire(anonymity="anonymous", cohort=cohort)
        trainees = [
            make_user(Role.TRAINEE, username=f"{n}-{questionnaire.pk}") for n in ("a", "b", "c", "d", "e")
        ]
        cohort.trainees.set(trainees)
        levels = [first_level, second_level, 3, 3, 4]
        for trainee, level in zip(trainees, levels, strict=True):
            answer(questionnaire, trainee, level, text=f"Avis de niveau {level}")
        QuestionnairePage.objects.filter(pk=questionnaire.pk).update(
            closes_at=timezone.now() - timedelta(days=1)
        )
        client.force_login(task_force)
        pages = []
        for url in urls(questionnaire)[:2] + urls(questionnaire)[3:4]:
            content = client.get(url)
            body = b"".join(content.streaming_content) if content.streaming else content.content
            text = CSRF.sub("", body.decode())
            pages.append(
                re.sub(rf"questionnaires/{questionnaire.pk}/|(?:Questionnaire|استبيان) \d+", "", text)
            )
        return pages

    assert run(1, 5) == run(5, 1)


def test_anonymous_export_below_threshold_is_empty(client, site_tree, make_user, task_force):
    questionnaire = make_questionnaire(anonymity="anonymous")
    for _ in range(4):
        answer(questionnaire, make_user(Role.TRAINEE), 2)
    client.force_login(task_force)
    csv = b"".join(client.get(urls(questionnaire)[3]).streaming_content).decode()
    assert len(csv.strip().splitlines()) == 1  # headings only


def test_exports_neutralise_formulas(client, site_tree, make_user, task_force):
    questionnaire = make_questionnaire()
    answer(
        questionnaire, make_user(Role.TRAINEE, first_name="=cmd", last_name="x"), 2, text='=HYPERLINK("x")'
    )
    answer(questionnaire, make_user(Role.TRAINEE), 3, text="+33 -1 @SUM\tx")
    client.force_login(task_force)
    workbook = load_workbook(io.BytesIO(b"".join(client.get(urls(questionnaire)[4]).streaming_content)))
    cells = [cell for row in workbook.active.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in cells)
    texts = {cell.value for cell in cells if isinstance(cell.value, str)}
    assert '\'=HYPERLINK("x")' in texts and "'+33 -1 @SUM\tx" in texts and "'=cmd x" in texts
    csv = b"".join(client.get(urls(questionnaire)[3]).streaming_content).decode()
    assert "'=HYPERLINK" in csv and "\n=" not in csv and ";=" not in csv


def test_minutes_are_recorded_and_validated(client, site_tree, trainer):
    questionnaire = make_questionnaire()
    client.force_login(trainer)
    edit = urls(questionnaire)[2]
    bad = client.post(edit, {"meeting_date": "not a date", "participants_fr": ""})
    assert bad.status_code == 400 and not MeetingMinutes.objects.exists()
    competence = questionnaire.items.filter(kind="competence").first().competence
    ok = client.post(
        edit,
        {
            "meeting_date": "2026-11-20",
            "participants_fr": "Leila Trabelsi, task force\nKarim Belhadj, formateur",
            "summary_fr": "Les besoins portent sur le financement.",
            "summary_ar": "تتعلق الاحتياجات بالتمويل.",
            "decisions_fr": "Trois ateliers.",
            "priority_competences": [competence.pk],
        },
    )
    assert ok.status_code == 302
    assert MeetingMinutes.objects.get().priority_competences.get() == competence
    assert "Karim Belhadj" in client.get(urls(questionnaire)[1]).content.decode()


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing: run make test as root")
def test_arabic_minutes_pdf_has_shaped_arabic_text_and_page_numbers(
    client, site_tree, make_user, task_force, tmp_path
):
    questionnaire = make_questionnaire()
    for level in (2, 3):
        answer(questionnaire, make_user(Role.TRAINEE), level)
    MeetingMinutes.objects.create(
        questionnaire=questionnaire,
        meeting_date="2026-11-20",
        participants="ليلى الطرابلسي",
        summary_ar="تتعلق الاحتياجات بالتمويل الأوروبي.",
    )
    client.force_login(task_force)
    response = client.get(path_to("lms:review:minutes_pdf", language="ar", questionnaire_id=questionnaire.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for words in ("محضر", "التمويل", "الكفاءة", "ليلى الطرابلسي"):  # (pdftotext moves digits)
        assert words in text, words
    assert re.search(r"\d+\s*/\s*\d+", text)  # page numbers "n / total"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Arab" in fonts or "Naskh" in fonts


@pytest.mark.parametrize("respondents", [3, 30])
def test_results_query_count_does_not_grow_with_the_respondents(
    client, site_tree, make_user, task_force, respondents, django_assert_max_num_queries
):
    questionnaire = make_questionnaire()
    for number in range(respondents):
        answer(questionnaire, make_user(Role.TRAINEE), level=number % 5 + 1, text=f"Besoin {number}")
    client.force_login(task_force)
    url = path_to("lms:review:results", questionnaire_id=questionnaire.pk)
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    assert "Besoin 2" in response.content.decode()


def set_closes(questionnaire, days: int) -> None:
    """Close the questionnaire (days < 0) or reopen it (days > 0), as a trainer editing its dates."""
    QuestionnairePage.objects.filter(pk=questionnaire.pk).update(
        closes_at=timezone.now() + timedelta(days=days)
    )
    questionnaire.refresh_from_db()


def what_the_task_force_sees(client, questionnaire, lang: str = "fr") -> list[str]:
    """The results page and the CSV export, as text."""
    pages = []
    for url in (urls(questionnaire, lang)[0], urls(questionnaire, lang)[3]):
        content = client.get(url)
        body = b"".join(content.streaming_content) if content.streaming else content.content
        pages.append(CSRF.sub("", body.decode()))
    return pages


def test_reopening_an_anonymous_survey_does_not_reveal_one_late_answer(
    client, site_tree, make_user, task_force
):
    """The difference attack: results seen before and after one late answer must be the same; late
    answers join the results only once at least ANONYMITY_THRESHOLD of them wait."""
    questionnaire = make_questionnaire(anonymity="anonymous")
    trainees = [make_user(Role.TRAINEE) for _ in range(10)]
    for trainee, level in zip(trainees[:5], (2, 2, 3, 3, 4), strict=True):
        answer(questionnaire, trainee, level, text=f"Avis {level}")
    set_closes(questionnaire, -1)
    client.force_login(task_force)
    before = what_the_task_force_sees(client, questionnaire)
    assert "Avis 4" in before[0] and len(before[1].strip().splitlines()) == 6  # headings + 5 rows

    set_closes(questionnaire, +1)  # reopened, or its deadline extended for a latecomer
    answer(questionnaire, trainees[5], 5, text="Réponse tardive")
    set_closes(questionnaire, -1)
    after = what_the_task_force_sees(client, questionnaire)
    assert after == before
    assert "Réponse tardive" not in after[0] + after[1]

    set_closes(questionnaire, +1)
    for trainee, level in zip(trainees[6:], (1, 1, 5, 5), strict=True):
        answer(questionnaire, trainee, level)
    assert what_the_task_force_sees(client, questionnaire) == before  # open: nothing new either
    set_closes(questionnaire, -1)
    grouped = what_the_task_force_sees(client, questionnaire)
    assert "Réponse tardive" in grouped[0] and len(grouped[1].strip().splitlines()) == 11


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_anonymous_response_count_does_not_move_while_results_are_hidden(
    client, site_tree, make_user, task_force, lang
):
    cohort = Cohort.objects.create(name="Cohorte")
    questionnaire = make_questionnaire(anonymity="anonymous", cohort=cohort)
    trainees = [make_user(Role.TRAINEE) for _ in range(6)]
    cohort.trainees.set(trainees)
    client.force_login(task_force)
    seen = []
    for trainee in trainees[:3]:
        answer(questionnaire, trainee, 3)
        seen.append(what_the_task_force_sees(client, questionnaire, lang))
    assert seen[0] == seen[1] == seen[2]
    assert f'lang="{lang}"' in seen[0][0]

"""The evaluation report (lms/followup/evaluation.py): every figure recomputed here from the raw
rows and compared; small cells protected, with a differential test (one person's sex or answer
changed inside a suppressed cell leaves the breakdowns identical); the screen and the PDF in French
and Arabic, rasterised and text-checked; the XLSX without any formula cell."""

import re
import shutil
import subprocess
from collections import Counter
from datetime import date, timedelta
from html import unescape
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from assessments.models import ItemAnswer, QuestionnaireItem, Response
from assessments.models.questionnaires import ItemKind, ResponseStatus
from courses.models import StepProgress
from courses.progress import mark_step_complete
from home.roles import Role
from lms.followup.checkins import OFFSETS
from lms.followup.evaluation import evaluation_report
from lms.models import Attendance, CheckIn, Commitment, Outcome, TraineeProfile
from tests.conftest import translated
from tests.factories.courses import enrol, lessons_of, make_course
from tests.factories.followup import check_in, commit
from tests.factories.plans import make_plan
from tests.factories.questionnaires import make_competences, make_questionnaire
from tests.paths import path_to
from tests.spreadsheets import xlsx_cells

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "pdfs"

# (sex, institution, completes the course, baseline level, check-ins as (milestone, status, rating))
PEOPLE = [
    ("female", "ote", True, 2, [("4w", "done", 4)]),
    ("female", "aneti", True, 2, [("4w", "in_progress", 2)]),
    ("male", "ote", True, 2, [("4w", "blocked", 3)]),
    ("male", "ote", False, 3, [("4w", "in_progress", 3), ("3m", "done", 5)]),
    ("male", "aneti", True, 4, []),
    ("male", "ote", False, 1, [("4w", "in_progress", 1)]),
    ("", "", True, None, None),  # no profile, no needs-assessment answer, no commitment
]


@pytest.fixture
def world(site_tree, make_user, trainer):
    competences = make_competences(2)
    course = make_course(modules=1, lessons=1)
    people = [make_user(Role.TRAINEE, first_name=f"P{i}", last_name="X") for i in range(len(PEOPLE))]
    cohort = enrol(people[0], course)
    for person in people[1:]:
        enrol(person, course, cohort=cohort)
    plan = make_plan(cohort=cohort, starts=[timezone.now() - timedelta(days=200)], live=True)
    plan.target_competences.set(competences)
    plan.target_completed, plan.target_improvement_rate, plan.target_application_rate = 5, 50, 60
    plan.target_actions = 2
    plan.save()
    workshop = plan.workshops.get()
    needs = make_questionnaire(competences=competences, cohort=cohort)
    rating_item = QuestionnaireItem.objects.get(questionnaire=needs, competence=competences[0])
    for person, (sex, institution, completes, level, check_ins) in zip(people, PEOPLE, strict=True):
        Attendance.objects.create(workshop=workshop, trainee=person, status="present")
        if sex or institution:
            TraineeProfile.objects.create(
                user=person, sex=sex, institution=institution, consented_at=timezone.now()
            )
        if completes:
            for lesson in lessons_of(course):
                mark_step_complete(user=person, page=lesson)
        if level is not None:
            response = Response.objects.create(
                questionnaire=needs,
                respondent=person,
                status=ResponseStatus.SUBMITTED,
                submitted_on=date.today(),
            )
            ItemAnswer.objects.create(response=response, item=rating_item, number=level)
        if check_ins is not None:
            commitment = commit(person, workshop, competences[0])
            for milestone, status, rating in check_ins:
                check_in(commitment, milestone, status=status, rating=rating)
    Outcome.objects.create(
        plan=plan, trainee=people[0], kind="action", occurred_on=date.today(), description="A"
    )
    Outcome.objects.create(
        plan=plan, trainee=people[3], kind="action", occurred_on=date.today(), description="B"
    )
    Outcome.objects.create(plan=plan, kind="contact", occurred_on=date.today(), description="=HYPERLINK(1)")
    return plan, people, competences


def recomputed(plan):
    """The report's figures, from the raw rows, the simple way."""
    commitments = list(Commitment.objects.filter(workshop__plan=plan))
    latest = {}
    for row in CheckIn.objects.filter(commitment__in=commitments).order_by("submitted_at", "pk"):
        latest[row.commitment_id] = row
    statuses = Counter(latest[c.pk].status if c.pk in latest else "" for c in commitments)
    answers = ItemAnswer.objects.filter(response__status="submitted", item__kind=ItemKind.COMPETENCE_RATING)
    baseline = {(a.response.respondent_id, a.item.competence_id): a.number for a in answers}
    improved = {
        c.trainee_id
        for c in commitments
        if c.pk in latest and latest[c.pk].self_rating > baseline[(c.trainee_id, c.competence_id)]
    }
    applied = {
        c.trainee_id for c in commitments if CheckIn.objects.filter(commitment=c, status="done").exists()
    }
    cohort = list(plan.cohort.trainees.all())
    lessons = lessons_of(plan.cohort.courses.get())
    done = set(
        StepProgress.objects.filter(page__in=lessons, completed_at__isnull=False).values_list(
            "user_id", "page_id"
        )
    )
    completed = {p.pk for p in cohort if all((p.pk, lesson.pk) in done for lesson in lessons)}
    return {
        "commitments": len(commitments),
        "statuses": statuses,
        "improved": improved,
        "applied": applied,
        "committed": len({c.trainee_id for c in commitments}),
        "completed": completed,
        "trainees": len(cohort),
        "outcomes": Counter(Outcome.objects.filter(plan=plan).values_list("kind", flat=True)),
        "levels": sorted(baseline.values()),
    }


def test_every_figure_is_recomputed_from_the_raw_rows(world):
    plan, people, competences = world
    report = evaluation_report(plan=plan)
    expected = recomputed(plan)
    assert report.trainees == expected["trainees"] == 7
    assert report.behaviour.commitments == expected["commitments"] == 6
    assert report.behaviour.by_status == dict(expected["statuses"])
    assert report.behaviour.done == 2 and report.behaviour.done_rate == 33
    assert report.behaviour.improved == expected["improved"] == {people[0].pk, people[2].pk, people[3].pk}
    assert report.behaviour.applied == expected["applied"] == {people[0].pk, people[3].pk}
    assert report.behaviour.committed_trainees == expected["committed"]
    assert (
        report.completed
        == expected["completed"]
        == {p.pk for p, row in zip(people, PEOPLE, strict=True) if row[2]}
    )
    assert report.results.counts == dict(expected["outcomes"])
    change = report.behaviour.changes[0]
    levels = expected["levels"]
    assert change.baseline_n == len(levels) and float(change.baseline) == round(sum(levels) / len(levels), 1)
    ratings = [4, 2, 3, 5, 1]  # the latest of each commitment with a check-in
    assert change.current_n == len(ratings) and float(change.current) == round(sum(ratings) / len(ratings), 1)
    names = [i.current for i in report.indicators]
    assert names[:3] == ["5 / 7", "50 %", "33 %"]  # 3 of 6 improved, 2 of 6 applied
    assert [i.met for i in report.indicators[:4]] == [True, True, False, True]
    sex = {cell.key: cell for cell in report.breakdowns[0].by_sex.cells}
    assert sex["female"].display == "<3"  # two women completed: a small cell
    # Who completed: 2 women, 2 men, 1 not stated, nobody "undisclosed": every cell is small.
    assert [sex[key].display for key in ("female", "male", "undisclosed", "")] == ["<3"] * 4
    assert report.breakdowns[0].by_sex.total == 5
    institution = [cell.display for cell in report.breakdowns[0].by_institution.cells]
    assert institution == ["<3"] * 5  # OTE 2, ANETI 2, CGPS 0, other 0, not stated 1


def _breakdowns(plan):
    return [(t.title, t.by_sex, t.by_institution) for t in evaluation_report(plan=plan).breakdowns]


def test_changing_one_persons_sex_inside_suppressed_cells_changes_nothing(world):
    plan, people, competences = world
    before = _breakdowns(plan)
    TraineeProfile.objects.filter(user=people[0]).update(sex="undisclosed")  # a woman, now "undisclosed"
    assert _breakdowns(plan) == before


def test_one_more_person_inside_suppressed_cells_moves_only_the_groups_total(world):
    """Woman P1's check-in goes from "in progress" to "done": she joins those who applied a
    competence. Her cells were "<3" and stay so: the breakdowns say one more person applied (the
    total), not of which sex or institution."""
    plan, people, competences = world

    def displays():
        return [
            (title, [c.display for c in s.cells], [c.display for c in i.cells], s.total, i.total)
            for title, s, i in _breakdowns(plan)
        ]

    before = displays()
    CheckIn.objects.filter(commitment__trainee=people[1]).update(status="done")
    after = displays()
    assert [row[:3] for row in after] == [row[:3] for row in before]
    applied = before[2], after[2]
    assert (applied[0][3], applied[1][3]) == (2, 3) and (applied[0][4], applied[1][4]) == (2, 3)


def _outputs(client, plan) -> tuple[str, list]:
    """What the task force reads: the report's page (without the per-request form token) and the
    spreadsheet's cells."""
    page = client.get(path_to("lms:review:evaluation_report", plan.pk)).content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)
    cells = [
        cell.value
        for cell in xlsx_cells(client.get(path_to("lms:review:evaluation_report_export", plan.pk, "xlsx")))
    ]
    return page, cells


def test_one_persons_sex_changed_inside_suppressed_cells_leaves_the_output_identical(
    client, world, task_force
):
    """The differential test on what is printed: the page and the spreadsheet, byte for byte."""
    plan, people, competences = world
    client.force_login(task_force)
    before = _outputs(client, plan)
    # P0, a woman who completed, improved and applied: now "prefer not to say"; every cell she
    # moves between was "<3".
    TraineeProfile.objects.filter(user=people[0]).update(sex="undisclosed")
    assert _outputs(client, plan) == before
    # The control: a change that is not inside suppressed cells does show.
    TraineeProfile.objects.filter(user=people[0]).delete()
    Outcome.objects.create(plan=plan, kind="concept_note", occurred_on=date.today(), description="C")
    assert _outputs(client, plan) != before


def test_a_mean_of_fewer_than_3_people_is_not_shown(client, world, task_force):
    """One trainee re-rates the second competence (5): the report says how few, not their rating."""
    plan, people, competences = world
    commitment = commit(people[4], plan.workshops.get(), competences[1], action="Seule")
    check_in(commitment, "4w", status="in_progress", rating=5)
    change = evaluation_report(plan=plan).behaviour.changes[1]
    assert (change.competence, change.current, change.current_n, change.change) == (
        competences[1],
        None,
        1,
        None,
    )
    client.force_login(task_force)
    page = BeautifulSoup(client.get(path_to("lms:review:evaluation_report", plan.pk)).content, "html.parser")
    row = next(tr for tr in page.select("table.re-ratings tbody tr") if competences[1].name in tr.get_text())
    cells = [" ".join(td.get_text().split()) for td in row.select("td")]
    assert cells == ["—", "— (n < 3)", "—"]
    first = next(
        tr for tr in page.select("table.re-ratings tbody tr") if competences[0].name in tr.get_text()
    )
    assert "(n = 5)" in " ".join(first.get_text().split())  # five re-ratings: the mean is shown


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_screen_shows_the_levels_and_the_indicator_sheet(client, world, task_force, language):
    plan, people, competences = world
    client.force_login(task_force)
    page = client.get(
        path_to("lms:review:evaluation_report", language=language, plan_id=plan.pk)
    ).content.decode()
    for text in ("Indicator sheet", "Level 3: behaviour", "Level 4: results", "Six-month application survey"):
        assert unescape(translated(text, language)) in unescape(page)
    assert "5 / 7" in page and "&lt;3" in page
    assert "P0 X" not in page  # aggregates only: no one's name
    # Every figure of the sheet reads left to right as a whole, the baseline too: "0 %" was "% 0"
    # in Arabic; the baseline written as a sentence keeps the page's direction.
    sheet = BeautifulSoup(page, "html.parser").select("tr.indicator")
    baselines = [row.select("td")[0] for row in sheet]
    assert [cell.bdi["dir"] if cell.bdi else None for cell in baselines][:3] == ["ltr", None, "ltr"]
    assert baselines[2].bdi.get_text() == "0 %"


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils missing")
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_pdf_is_printed_in_each_language(client, world, task_force, language, tmp_path):
    from PIL import Image

    plan, people, competences = world
    client.force_login(task_force)
    response = client.get(path_to("lms:review:evaluation_report_pdf", language=language, plan_id=plan.pk))
    assert response["Content-Type"] == "application/pdf"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / f"evaluation-report-{language}.pdf"  # to look at (test-artifacts/ is not in git)
    pdf.write_bytes(response.content)
    subprocess.run(
        ["pdftoppm", "-r", "36", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True
    )
    page = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    assert page.getextrema()[0] < 128  # something is printed
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = re.sub("[\u202a-\u202e\u2066-\u2069]", "", text)  # the bidi marks pdftotext writes
    if language == "fr":
        assert "Fiche des indicateurs" in text and "5 / 7" in text
    else:
        assert "تقرير التقييم" in text and "<3" in text and "5 / 7" in text


def test_the_spreadsheet_has_no_formula(client, world, trainer):
    plan, people, competences = world
    client.force_login(trainer)
    response = client.get(
        path_to("lms:review:evaluation_report_export", plan_id=plan.pk, export_format="xlsx")
    )
    cells = xlsx_cells(response)
    assert cells and not [cell for cell in cells if cell.data_type == "f"]
    values = [str(cell.value) for cell in cells]
    assert "5 / 7" in values and "<3" in values
    assert not [value for value in values if value.startswith("=")]


def test_the_milestones_are_four_weeks_three_and_six_months():
    assert OFFSETS == {"4w": (4, 0), "3m": (0, 3), "6m": (0, 6)}


def test_the_report_reads_as_much_for_3_trainees_as_for_8(client, site_tree, make_user, task_force):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.followup import held_workshop

    counts = {}
    for size in (3, 8):
        workshop, people, competences = held_workshop(
            make_user, trainees=size, starts_at=timezone.now() - timedelta(days=100)
        )
        workshop.plan.cohort.courses.add(make_course(modules=1, lessons=1))
        for index, person in enumerate(people):
            TraineeProfile.objects.create(
                user=person, sex=("female", "male")[index % 2], institution="ote", consented_at=timezone.now()
            )
            for competence in competences[:2]:
                check_in(commit(person, workshop, competence), "4w", status="done", rating=4)
        Outcome.objects.create(plan=workshop.plan, kind="action", occurred_on=date.today(), description="A")
        client.force_login(task_force)
        url = path_to("lms:review:evaluation_report", workshop.plan_id)
        assert client.get(url).status_code == 200  # the shared header and footer are cached once
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url)
        assert page.status_code == 200 and f"{size * 2} engagements" in page.content.decode()
        counts[size] = len(queries)
    assert counts[3] == counts[8], counts

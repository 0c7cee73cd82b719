import re
import shutil
import subprocess
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments.questionnaires import ItemValue, submit_response
from courses.models import Cohort
from home.roles import Role
from lms.models import Attendance
from lms.training.plans import AttendanceEntry, AttendanceRefused, attendance_summary, record_attendance
from lms.training.reports import plan_report
from tests.factories.plans import make_plan
from tests.factories.questionnaires import make_questionnaire
from tests.paths import path_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(site_tree, make_user):
    cohort = Cohort.objects.create(name="Cohorte")
    cohort.trainees.set([make_user(Role.TRAINEE, first_name=f"T{i}") for i in range(4)])
    return cohort


def test_attendance_rate_counts_present_and_late(cohort):
    plan = make_plan(cohort=cohort)
    workshop = plan.workshops.get()
    a, b, c, d = cohort.trainees.order_by("pk")
    record_attendance(
        workshop=workshop,
        entries=[
            AttendanceEntry(a.pk, "present"),
            AttendanceEntry(b.pk, "late", "15 min"),
            AttendanceEntry(c.pk, "excused"),
            AttendanceEntry(d.pk, "absent"),
        ],
    )
    summary = attendance_summary(workshop=workshop)
    assert (summary.attended, summary.expected, summary.rate) == (2, 4, 50)
    # Recording again updates rather than duplicates.
    record_attendance(workshop=workshop, entries=[AttendanceEntry(d.pk, "present")])
    assert Attendance.objects.count() == 4 and attendance_summary(workshop=workshop).rate == 75


def test_attendance_for_someone_outside_the_cohort_saves_nothing(cohort, make_user):
    workshop = make_plan(cohort=cohort).workshops.get()
    insider = cohort.trainees.first()
    with pytest.raises(AttendanceRefused):
        record_attendance(
            workshop=workshop,
            entries=[AttendanceEntry(insider.pk, "present"), AttendanceEntry(make_user().pk, "present")],
        )
    assert not Attendance.objects.exists()


def test_attendance_sheet_for_trainers_on_a_phone(client, cohort, trainer):
    workshop = make_plan(cohort=cohort).workshops.get()
    client.force_login(trainer)
    url = path_to("lms_attendance_sheet", workshop_id=workshop.pk)
    assert client.get(url).status_code == 200
    trainees = list(cohort.trainees.all())
    data = {f"t{t.pk}-status": "present" for t in trainees}
    data[f"t{trainees[0].pk}-status"] = "sleeping"  # invalid: nothing saved
    assert client.post(url, data).status_code == 400
    assert not Attendance.objects.exists()
    data[f"t{trainees[0].pk}-status"] = "late"
    data[f"t{trainees[0].pk}-note"] = "Train en retard"
    assert client.post(url, data).status_code == 302
    assert Attendance.objects.get(trainee=trainees[0]).note == "Train en retard"


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.TASK_FORCE, Role.OTE_APPROVER])
def test_attendance_sheet_is_for_trainers(client, cohort, make_user, role):
    workshop = make_plan(cohort=cohort).workshops.get()
    client.force_login(make_user(role))
    assert client.get(path_to("lms_attendance_sheet", workshop_id=workshop.pk)).status_code in {302, 403}


def test_report_figures_match_a_hand_computed_data_set(cohort):
    now = timezone.now()
    plan = make_plan(cohort=cohort, starts=[now - timedelta(days=2), now + timedelta(days=7)])
    first, second = plan.workshops.order_by("starts_at")
    trainees = list(cohort.trainees.order_by("pk"))
    record_attendance(
        workshop=first,
        entries=[
            AttendanceEntry(trainee.pk, status)
            for trainee, status in zip(trainees, ["present", "present", "late", "absent"], strict=True)
        ],
    )
    survey = make_questionnaire(anonymity="named", cohort=cohort, purpose="satisfaction")
    first.satisfaction_survey = survey
    first.save()
    rating = survey.items.get(kind="rating")
    for trainee, score in zip(trainees[:3], [5, 4, 3], strict=True):
        submit_response(user=trainee, questionnaire=survey, values={rating.pk: ItemValue(number=score)})
    report = plan_report(plan=plan)
    assert [len(report.workshops), len(report.held)] == [2, 1]  # the second workshop is not held yet
    assert report.attendance_rate == 75  # 3 of 4 (present or late)
    first_report = report.workshops[0]
    assert first_report.satisfaction.responses == 3 and first_report.satisfaction.response_rate == 75
    rating_result = next(c for c in first_report.satisfaction.choices if c.item == rating)
    assert rating_result.mean == Decimal("4.00")
    assert report.completion.trainees == 4 and report.completion.rate == 0


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.TRAINEE, 403), (Role.OTE_APPROVER, 403), (Role.TASK_FORCE, 200), (Role.TRAINER, 200)],
)
def test_reports_per_role(client, cohort, make_user, role, status):
    plan = make_plan(cohort=cohort)
    workshop = plan.workshops.get()
    client.force_login(make_user(role))
    pages = {"plan_id": plan.pk, "workshop_id": workshop.pk}
    for url in (
        path_to("lms:review:plan_report", plan_id=plan.pk),
        path_to("lms:review:workshop_report", **pages),
    ):
        assert client.get(url).status_code == status
    if status == 200:
        pdf = client.get(path_to("lms:review:workshop_report_pdf", **pages))
        assert pdf["Content-Type"] == "application/pdf"


def test_workshop_of_another_plan_is_not_found(client, cohort, task_force):
    plan, other = make_plan(cohort=cohort), make_plan(cohort=cohort)
    client.force_login(task_force)
    assert (
        client.get(
            path_to("lms:review:workshop_report", plan_id=plan.pk, workshop_id=other.workshops.get().pk)
        ).status_code
        == 404
    )


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing: run make test as root")
@pytest.mark.parametrize(("language", "title_field"), [("fr", "title_fr"), ("ar", "title_ar")])
def test_report_pdf_in_each_language(client, cohort, task_force, tmp_path, language, title_field):
    plan = make_plan(cohort=cohort)
    client.force_login(task_force)
    response = client.get(path_to("lms:review:plan_report_pdf", language=language, plan_id=plan.pk))
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert getattr(plan, title_field).split()[0] in text  # (pdftotext reorders digits in Arabic lines)
    assert re.search(r"\d+\s*/\s*\d+", text)  # page numbers "n / total"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all("yes" in row for row in rows)  # every font embedded: no missing glyph boxes
    if language == "ar":
        assert any("Arab" in row[0] or "Naskh" in row[0] for row in rows)


@pytest.mark.parametrize("size", [3, 30])
def test_report_query_count_does_not_grow_with_the_cohort(
    client, site_tree, make_user, task_force, size, django_assert_max_num_queries
):
    cohort = Cohort.objects.create(name=f"Cohorte {size}")
    cohort.trainees.set([make_user(Role.TRAINEE) for _ in range(size)])
    plan = make_plan(cohort=cohort, workshops=2)
    for workshop in plan.workshops.all():
        record_attendance(
            workshop=workshop, entries=[AttendanceEntry(t.pk, "present") for t in cohort.trainees.all()]
        )
    client.force_login(task_force)
    url = path_to("lms:review:plan_report", plan_id=plan.pk)
    client.get(url)
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_workshop_report_does_not_count_anonymous_answers_while_hidden(client, cohort, task_force, lang):
    """The satisfaction section of a workshop report reads the same after one more anonymous answer
    while the survey's results are hidden: a moving count tells when someone answered."""
    plan = make_plan(cohort=cohort)
    workshop = plan.workshops.get()
    survey = make_questionnaire(anonymity="anonymous", cohort=cohort, purpose="satisfaction")
    workshop.satisfaction_survey = survey
    workshop.save()
    rating = survey.items.get(kind="rating")
    client.force_login(task_force)
    url = path_to("lms:review:workshop_report", language=lang, plan_id=plan.pk, workshop_id=workshop.pk)
    pages = []
    for trainee in cohort.trainees.order_by("pk")[:2]:
        submit_response(user=trainee, questionnaire=survey, values={rating.pk: ItemValue(number=4)})
        page = client.get(url).content.decode()
        pages.append(re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page))
    assert pages[0] == pages[1]

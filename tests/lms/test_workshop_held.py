"""A workshop is held once its start time has come (lms.training.plans.is_held): attendance is recorded
from then on only, and certificates and the report's "held" count follow the same rule."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.users.models import UserProfile

from courses.models import Cohort
from home.roles import Role
from lms.certificates import eligible_items
from lms.models import Attendance
from lms.training.plans import AttendanceEntry, WorkshopNotHeldYet, is_held, record_attendance
from tests.conftest import translated
from tests.factories.plans import make_plan
from tests.paths import path_to

pytestmark = pytest.mark.django_db

NOT_HELD = "This workshop has not taken place yet: its attendance can be recorded from its start, %(start)s."


@pytest.fixture
def cohort(site_tree, make_user):
    cohort = Cohort.objects.create(name="Cohorte")
    cohort.trainees.set([make_user(Role.TRAINEE, first_name=f"T{i}") for i in range(3)])
    return cohort


def in_days(days: float):
    return timezone.now() + timedelta(days=days)


def test_attendance_is_refused_before_the_workshop_starts_and_saves_nothing(cohort):
    workshop = make_plan(cohort=cohort, starts=[in_days(7)]).workshops.get()
    entries = [AttendanceEntry(t.pk, "present") for t in cohort.trainees.all()]
    with pytest.raises(WorkshopNotHeldYet):
        record_attendance(workshop=workshop, entries=entries)
    with pytest.raises(WorkshopNotHeldYet):
        record_attendance(workshop=workshop, entries=entries, now=workshop.starts_at - timedelta(minutes=1))
    assert not Attendance.objects.exists()
    # From its start on, the sheet is open.
    assert record_attendance(workshop=workshop, entries=entries, now=workshop.starts_at) == 3
    assert is_held(workshop=workshop, now=workshop.starts_at)
    assert not is_held(workshop=workshop)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_admin_sheet_of_a_future_workshop_says_so_and_offers_no_form(client, cohort, trainer, language):
    UserProfile.objects.update_or_create(user=trainer, defaults={"preferred_language": language})
    workshop = make_plan(cohort=cohort, starts=[in_days(7)]).workshops.get()
    trainees = list(cohort.trainees.all())
    client.force_login(trainer)
    url = path_to("lms_attendance_sheet", workshop_id=workshop.pk)
    html = client.get(url).content.decode()
    sentence = translated(NOT_HELD, language).split("%(start)s")[0]  # what comes before the date
    assert sentence in html
    assert f"t{trainees[0].pk}-status" not in html  # no form to fill
    response = client.post(url, {f"t{t.pk}-status": "present" for t in trainees})
    assert response.status_code == 400
    assert not Attendance.objects.exists()
    assert sentence in response.content.decode()


def test_the_admin_sheet_of_a_workshop_that_has_started_records_attendance(client, cohort, trainer):
    workshop = make_plan(cohort=cohort, starts=[in_days(-0.01)]).workshops.get()
    trainee = cohort.trainees.first()
    client.force_login(trainer)
    url = path_to("lms_attendance_sheet", workshop_id=workshop.pk)
    assert f"t{trainee.pk}-status" in client.get(url).content.decode()
    assert client.post(url, {f"t{trainee.pk}-status": "present"}).status_code == 302
    assert Attendance.objects.get().trainee == trainee


def test_no_workshop_certificate_before_the_workshop_is_held(cohort):
    """Attendance already in the database for a future workshop (recorded before this rule) gives
    no certificate until the workshop has taken place."""
    trainee = cohort.trainees.first()
    past, future = make_plan(cohort=cohort, starts=[in_days(-3), in_days(7)]).workshops.order_by("starts_at")
    for workshop in (past, future):
        Attendance.objects.create(workshop=workshop, trainee=trainee, status="present")
    assert [item.workshop for item in eligible_items(user=trainee)] == [past]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_report_counts_as_held_only_workshops_whose_date_has_come(client, cohort, task_force, language):
    trainees = list(cohort.trainees.order_by("pk"))
    plan = make_plan(cohort=cohort, starts=[in_days(-3), in_days(7), in_days(14)])
    past, next_week, _later = plan.workshops.order_by("starts_at")
    record_attendance(workshop=past, entries=[AttendanceEntry(t.pk, "present") for t in trainees])
    # Recorded for a future workshop before this rule existed: neither held nor in the rate.
    Attendance.objects.bulk_create(
        Attendance(workshop=next_week, trainee=t, status="absent") for t in trainees
    )
    client.force_login(task_force)
    html = client.get(path_to("lms:review:plan_report", language=language, plan_id=plan.pk)).content.decode()
    row = html.split(translated("Workshops held", language), 1)[1].split("</tr>", 1)[0]
    assert "1 / 3" in row
    rate = html.split(translated("Attendance rate (workshops held)", language), 1)[1].split("</tr>", 1)[0]
    assert "100 %" in rate


RESCHEDULE_REFUSED = (
    "Attendance has already been recorded for this workshop: it cannot move to a date that has not "
    "come yet. Keep its date, or create a new workshop for the new date."
)


def admin_datetime(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_workshop_with_attendance_cannot_move_to_the_future(client, cohort, trainer, language):
    """The attendance sheet is a record: the trainer's edit form refuses the move, saves nothing,
    and says why next to the date."""
    from tests.lms.admin_forms import form_data

    UserProfile.objects.update_or_create(user=trainer, defaults={"preferred_language": language})
    plan = make_plan(cohort=cohort, starts=[in_days(-2)])
    workshop = plan.workshops.get()
    held_on = workshop.starts_at
    record_attendance(workshop=workshop, entries=[AttendanceEntry(cohort.trainees.first().pk, "present")])
    client.force_login(trainer)
    edit = path_to("wagtailadmin_pages:edit", plan.pk)
    data = form_data(client.get(edit).content.decode())
    data["workshops-0-starts_at"] = admin_datetime(in_days(10))
    response = client.post(edit, data)
    assert response.status_code == 200  # the form again, with the error
    assert translated(RESCHEDULE_REFUSED, language) in response.content.decode()
    workshop.refresh_from_db()
    assert workshop.starts_at == held_on and workshop.attendance.count() == 1
    # Correcting the time within the past stays possible.
    data["workshops-0-starts_at"] = admin_datetime(held_on - timedelta(hours=1))
    assert client.post(edit, data).status_code == 302
    workshop.refresh_from_db()
    assert admin_datetime(workshop.starts_at) == admin_datetime(held_on - timedelta(hours=1))


def test_a_workshop_with_attendance_cannot_be_deleted(client, cohort, trainer):
    from tests.lms.admin_forms import form_data

    plan = make_plan(cohort=cohort, starts=[in_days(-2)])
    workshop = plan.workshops.get()
    record_attendance(workshop=workshop, entries=[AttendanceEntry(cohort.trainees.first().pk, "present")])
    client.force_login(trainer)
    edit = path_to("wagtailadmin_pages:edit", plan.pk)
    data = form_data(client.get(edit).content.decode()) | {"workshops-0-DELETE": "1"}
    response = client.post(edit, data)
    assert response.status_code == 200
    message = translated("Attendance has been recorded for the workshop “%(title)s”: it cannot be deleted.")
    assert message.replace("%(title)s", workshop.title) in response.content.decode()
    assert Attendance.objects.filter(workshop=workshop).count() == 1

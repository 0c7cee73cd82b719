import re

import pytest
from django.utils import translation

from courses.models import Cohort
from home.roles import Role, ensure_groups
from home.site_tree import ensure_home_page
from lms.models import Attendance
from lms.plans import approval_of, ensure_approval_workflow
from tests.conftest import PASSWORD
from tests.factories.plans import make_plan

from .conftest import PHONE


def log_in(page, base_url, username):
    page.goto(f"{base_url}/fr/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def wagtail_label(text: str) -> str:
    """A label of Wagtail's own admin, in French (the admin's language here)."""
    with translation.override("fr"):
        return translation.gettext(text)


@pytest.fixture
def plan(live_server, transactional_db, make_user):
    ensure_groups()
    ensure_home_page()
    ensure_approval_workflow()
    trainer = make_user(Role.TRAINER, username="karim", first_name="Karim", last_name="Belhadj")
    make_user(Role.OTE_APPROVER, username="mounira", first_name="Mounira", last_name="Jaziri")
    make_user(Role.TASK_FORCE, username="leila", first_name="Leila", last_name="Trabelsi")
    cohort = Cohort.objects.create(name="Cohorte pilote")
    cohort.trainees.set(
        [make_user(Role.TRAINEE, first_name=f"Apprenant {i}", last_name="T") for i in range(3)]
    )
    plan = make_plan(cohort=cohort)
    plan.save_revision(user=trainer)
    plan.get_workflow().start(plan, user=trainer)
    return plan


def test_approver_approves_trainer_marks_attendance_task_force_downloads_report(
    live_server, plan, new_page, screenshot
):
    approver = new_page()
    log_in(approver, live_server.url, "mounira")
    approver.goto(f"{live_server.url}/admin/pages/{plan.pk}/edit/")
    approver.get_by_role("button", name=wagtail_label("More actions")).click()
    approver.get_by_role("button", name=re.compile(r"Approuver et publier", re.IGNORECASE)).click()
    approver.wait_for_load_state()
    screenshot(approver, "approved")
    plan.refresh_from_db()
    assert plan.live and approval_of(plan).approver.username == "mounira"

    trainer = new_page(viewport=PHONE)
    log_in(trainer, live_server.url, "karim")
    workshop = plan.workshops.get()
    trainer.goto(f"{live_server.url}/admin/attendance/{workshop.pk}/")
    lines = trainer.locator(".attendance-line")
    assert lines.count() == 3
    for index in range(3):
        lines.nth(index).locator("input[value=present]").check()
    lines.nth(2).locator("input[value=late]").check()
    lines.nth(2).locator("input[type=text]").fill("Arrivé à 9 h 40")
    screenshot(trainer, "attendance")
    assert trainer.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 20
    trainer.locator(".attendance-sheet button[type=submit]").click()
    trainer.wait_for_load_state()
    assert Attendance.objects.filter(status="present").count() == 2
    assert Attendance.objects.get(status="late").note == "Arrivé à 9 h 40"

    task_force = new_page()
    log_in(task_force, live_server.url, "leila")
    task_force.goto(f"{live_server.url}/fr/review/plans/{plan.pk}/workshops/{workshop.pk}/report/")
    assert "100 %" in task_force.locator(".attendance-rate, main").first.inner_text()
    href = task_force.locator("main a[href$='report.pdf']").get_attribute("href")
    pdf = task_force.request.get(live_server.url + href)
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

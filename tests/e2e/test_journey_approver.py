"""The OTE approver's journey: log in → the Wagtail admin (in the account's language) → approve
the training plan submitted by the trainer → the published plan carries the approval, in French
and Arabic, desktop and phone."""

import pytest
from django.utils import translation
from wagtail.users.models import UserProfile

from courses.models import Cohort
from home.roles import Role, ensure_groups
from home.site_tree import ensure_home_page
from lms.plans import approval_of, ensure_approval_workflow
from tests.factories.plans import make_plan

from .conftest import DESKTOP, JOURNEY_RUNS, open_admin, ui


@pytest.fixture
def submitted_plan(live_server, transactional_db, make_user, language):
    ensure_groups()
    ensure_home_page()
    ensure_approval_workflow()
    trainer = make_user(Role.TRAINER, username="karim", first_name="Karim", last_name="Belhadj")
    approver = make_user(Role.OTE_APPROVER, username="mounira", first_name="Mounira", last_name="Jaziri")
    # The Wagtail admin speaks the language chosen in the account's preferences.
    profile = UserProfile.get_for_user(approver)
    profile.preferred_language = language
    profile.save()
    cohort = Cohort.objects.create(name="Cohorte pilote")
    plan = make_plan(cohort=cohort)
    plan.save_revision(user=trainer)
    plan.get_workflow().start(plan, user=trainer)
    return plan


@JOURNEY_RUNS
def test_approver_journey(live_server, submitted_plan, new_page, step, language, viewport):
    base = live_server.url
    page = new_page(viewport=viewport, locale=language)
    open_admin(page, base, "mounira", language)
    step(page, "admin-dashboard", admin=True, overflow=False)  # with the plan awaiting review

    page.goto(f"{base}/admin/pages/{submitted_plan.pk}/edit/")
    # Wagtail's edit form: axe reads this large page once per language, on the desktop.
    step(page, "plan-in-review", admin=True, overflow=False, axe=viewport == DESKTOP)
    page.locator("footer .w-dropdown__toggle").click()
    # "Approve and publish" (without a comment): Wagtail's workflow action button.
    page.locator("button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])").click()
    page.wait_for_url(f"{base}/admin/**")
    step(page, "approved", axe=False)  # Wagtail's dashboard and its confirmation
    submitted_plan.refresh_from_db()
    assert submitted_plan.live and approval_of(submitted_plan).approver.username == "mounira"

    with translation.override(language):
        page.goto(base + submitted_plan.url)
    stamp = page.locator(".approval-stamp.approved")
    assert "Mounira Jaziri" in stamp.inner_text()
    assert stamp.locator("bdi").inner_text() == "Mounira Jaziri"  # a Latin name inside Arabic text
    assert ui("Download the PDF", language) in page.locator("main").inner_text()
    step(page, "published-plan")

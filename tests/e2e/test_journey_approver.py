"""The OTE approver's journeys, in French and Arabic, desktop and phone.

One screen (issue 19): log in → "Awaiting my approval" → the plan (one click) → Approve (two
clicks) → "Plan approved and published — see the plan" → the public page's stamp carries the
approver's function. Or: Request changes, with a required comment, which goes back to the trainer.
The Wagtail admin's own path (the edit page's workflow menu) still works too.
"""

import pytest
from django.utils import translation
from wagtail.models import TaskState
from wagtail.users.models import UserProfile

from courses.models import Cohort
from home.roles import Role, ensure_groups
from home.site_tree import ensure_home_page
from lms.models import StaffProfile
from lms.training.plans import approval_of, ensure_approval_workflow
from tests.factories.plans import make_plan

from .conftest import DESKTOP, JOURNEY_RUNS, PHONE, log_in, open_admin, ui

FUNCTION = {
    "fr": "Directrice de la coopération internationale, OTE",
    "ar": "مديرة التعاون الدولي، ديوان التونسيين بالخارج",
}


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


@pytest.fixture
def signed_approver(submitted_plan):
    """The approver of `submitted_plan`, with the function printed on the plans they approve."""
    from django.contrib.auth import get_user_model

    approver = get_user_model().objects.get(username="mounira")
    StaffProfile.objects.create(user=approver, function_fr=FUNCTION["fr"], function_ar=FUNCTION["ar"])
    return approver


def open_the_plan(page, base: str, language: str, step) -> None:
    """Log in, land on what awaits approval, open the plan: one click after the landing."""
    log_in(page, base, "mounira", language)
    assert page.url == f"{base}/{language}/approvals/"
    step(page, "awaiting-my-approval")
    page.locator("ul.approvals a").first.click()  # click 1
    page.wait_for_load_state()
    step(page, "plan-to-decide")


@JOURNEY_RUNS
def test_approver_approves_in_one_screen(
    live_server, submitted_plan, signed_approver, new_page, step, language, viewport
):
    base = live_server.url
    page = new_page(viewport=viewport, locale=language)
    open_the_plan(page, base, language, step)

    # The same screen left open in a second tab: its Approve will come second.
    stale = page.context.new_page()
    stale.goto(page.url)

    page.get_by_role("button", name=ui("Approve", language), exact=True).click()  # click 2
    page.wait_for_load_state()
    outcome = page.locator(".decision-outcome")
    assert ui("Plan approved and published", language) in outcome.inner_text()
    step(page, "approved")

    # The second submission says it is done already, on the same screen, not an error page.
    stale.get_by_role("button", name=ui("Approve", language), exact=True).click()
    stale.wait_for_load_state()
    assert ui("This plan has already been approved: nothing more to do.", language) in stale.inner_text(
        "main"
    )
    assert ui("Plan approved and published", language) in stale.locator(".decision-outcome").inner_text()
    stale.close()

    page.locator(".decision-outcome a").click()  # "see the plan"
    page.wait_for_load_state()
    stamp = page.locator(".approval-stamp.approved")
    assert "Mounira Jaziri" in stamp.inner_text() and FUNCTION[language] in stamp.inner_text()
    assert stamp.locator("bdi").first.inner_text() == "Mounira Jaziri"
    step(page, "published-plan-with-stamp")
    submitted_plan.refresh_from_db()
    with translation.override(language):
        assert submitted_plan.live and approval_of(submitted_plan).function == FUNCTION[language]


@pytest.mark.parametrize(
    "language, viewport", [("fr", DESKTOP), ("ar", PHONE)], ids=["fr-desktop", "ar-phone"]
)
def test_approver_requests_changes_with_a_comment(
    live_server, submitted_plan, signed_approver, new_page, step, language, viewport
):
    base = live_server.url
    page = new_page(viewport=viewport, locale=language)
    open_the_plan(page, base, language, step)

    request_changes = page.get_by_role("button", name=ui("Request changes", language), exact=True)
    request_changes.click()  # without a comment: the form says what is missing
    page.wait_for_load_state()
    assert page.locator("#comment-error").is_visible()
    step(page, "comment-required")

    comment = "Préciser le lieu de l'atelier 2." if language == "fr" else "يُرجى تحديد مكان الورشة 2."
    page.locator("textarea[name=comment]").fill(comment)
    page.get_by_role("button", name=ui("Request changes", language), exact=True).click()
    page.wait_for_load_state()
    outcome = page.locator(".decision-outcome")
    assert comment in outcome.inner_text()
    step(page, "changes-requested")
    state = TaskState.objects.get(workflow_state__object_id=str(submitted_plan.pk))
    assert state.status == TaskState.STATUS_REJECTED and state.comment == comment
    submitted_plan.refresh_from_db()
    assert not submitted_plan.live

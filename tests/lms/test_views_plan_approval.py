"""The OTE approver's one-screen approval (issue 19): the plan awaiting approval, Approve or Request
changes with a comment, through Wagtail's workflow; only for those the task names; once."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import TaskState, WorkflowState

from home.roles import Role
from lms.models import ApprovalSignature, StaffProfile
from lms.training.plans import approval_of, ensure_approval_workflow
from tests.conftest import translated
from tests.factories.plans import make_plan, submit
from tests.paths import path_to

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "ar"]
FUNCTION = {
    "fr": "Directrice de la coopération internationale, OTE",
    "ar": "مديرة التعاون الدولي، ديوان التونسيين بالخارج",
}


@pytest.fixture
def approver(make_user):
    user = make_user(Role.OTE_APPROVER, username="approver", first_name="Mounira", last_name="Jaziri")
    StaffProfile.objects.create(user=user, function_fr=FUNCTION["fr"], function_ar=FUNCTION["ar"])
    return user


@pytest.fixture
def pending(site_tree, trainer):
    ensure_approval_workflow()
    plan = make_plan()
    submit(plan, trainer)
    return plan, TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def decision_url(language: str, state: TaskState, action: str = "") -> str:
    return f"/{language}/approvals/{state.pk}/{action}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_approver_lands_on_what_awaits_approval_and_opens_the_plan(client, pending, approver, language):
    plan, state = pending
    client.force_login(approver)
    landing = client.get(path_to("lms:dashboard", language=language), follow=True)
    assert landing.request["PATH_INFO"] == path_to("lms:approvals", language=language)
    link = soup(landing).select_one("ul.approvals a")
    assert link["href"] == decision_url(language, state)
    assert link.get_text(strip=True) == (plan.title_ar if language == "ar" else plan.title_fr)

    screen = soup(client.get(link["href"]))
    buttons = [button.get_text(strip=True) for button in screen.select(".decision-actions button")]
    assert buttons == [translated("Approve", language), translated("Request changes", language)]
    assert all(form["method"] == "post" for form in screen.select(".decision-actions form"))
    assert screen.select(".decision-actions input[name=csrfmiddlewaretoken]")
    # the submitted revision, as the public page would show it (workshops included)
    assert ("ورشة 1" if language == "ar" else "Atelier 1") in screen.select_one("main").get_text()


def test_the_list_reads_a_constant_number_of_queries(client, site_tree, trainer, approver):
    ensure_approval_workflow()
    client.force_login(approver)
    client.get(path_to("lms:approvals"))  # the caches of the first request (content types, site) are warm

    def count_for(plans: int) -> int:
        for _ in range(plans):
            submit(make_plan(), trainer)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path_to("lms:approvals"))
        assert (
            len(soup(response).select("ul.approvals li"))
            == TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).count()
        )
        return len(queries)

    assert count_for(1) == count_for(4)


@pytest.mark.parametrize("language", LANGUAGES)
def test_approving_publishes_the_plan_with_a_confirmation_and_the_stamp(client, pending, approver, language):
    plan, state = pending
    client.force_login(approver)
    response = client.post(decision_url(language, state, "approve/"), follow=True)

    outcome = soup(response).select_one(".decision-outcome")
    assert translated("Plan approved and published", language) in str(outcome)
    plan.refresh_from_db()
    assert plan.live
    with translation.override(language):
        assert outcome.a["href"] == plan.url
    # Wagtail's own workflow: the task and the workflow are approved, by the approver
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED and state.finished_by == approver
    assert WorkflowState.objects.get(pk=state.workflow_state_id).status == WorkflowState.STATUS_APPROVED

    stamp = soup(client.get(outcome.a["href"])).select_one(".approval-stamp.approved")
    assert "Mounira Jaziri" in stamp.get_text() and FUNCTION[language] in stamp.get_text()
    assert [bdi.get_text() for bdi in stamp.select("bdi")][:2] == ["Mounira Jaziri", FUNCTION[language]]


def test_the_stamp_keeps_the_function_signed_with(client, pending, approver):
    plan, state = pending
    client.force_login(approver)
    client.post(decision_url("fr", state, "approve/"))
    StaffProfile.objects.filter(user=approver).update(function_fr="Directrice générale, OTE")
    plan.refresh_from_db()
    assert approval_of(plan).function == FUNCTION["fr"]


def test_the_plan_pdf_carries_the_function(client, pending, approver):
    plan, state = pending
    client.force_login(approver)
    client.post(decision_url("fr", state, "approve/"))
    plan.refresh_from_db()
    with translation.override("fr"):
        from django.template.loader import render_to_string

        html = render_to_string(
            "lms/plan_pdf.html", {"plan": plan, "approval": approval_of(plan), "workshops": []}
        )
    assert FUNCTION["fr"] in html


def test_a_double_submit_says_it_is_done_already(client, pending, approver):
    plan, state = pending
    client.force_login(approver)
    client.post(decision_url("fr", state, "approve/"))
    second = client.post(decision_url("fr", state, "approve/"), follow=True)
    assert second.status_code == 200
    assert translated("This plan has already been approved: nothing more to do.") in second.content.decode()
    assert ApprovalSignature.objects.count() == 1
    assert TaskState.objects.filter(status=TaskState.STATUS_APPROVED).count() == 1
    # and a request for changes after the approval changes nothing either
    late = client.post(decision_url("fr", state, "request-changes/"), {"comment": "Trop tard"}, follow=True)
    assert translated("This plan has already been approved: nothing more to do.") in late.content.decode()
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED


@pytest.mark.parametrize("who", ["trainee", "task_force", "trainer", "other_approver_outside_task"])
def test_only_those_the_task_names_may_decide(client, request, pending, make_user, who):
    plan, state = pending
    if who == "other_approver_outside_task":
        user = make_user(Role.TASK_FORCE, username="lookalike", is_staff=True)
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(path_to("lms:approvals")).status_code == 403
    missing = client.get(path_to("lms:approval", task_state_id=state.pk + 1000))
    existing = client.get(decision_url("fr", state))
    assert existing.status_code == missing.status_code == 404  # no leak: the same as a task that is not there
    assert client.post(decision_url("fr", state, "approve/")).status_code == 404
    assert client.post(decision_url("fr", state, "request-changes/"), {"comment": "Non"}).status_code == 404
    state.refresh_from_db()
    plan.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS and not plan.live


def test_anonymous_visitors_are_sent_to_log_in(client, pending):
    _plan, state = pending
    assert client.get(path_to("lms:approvals")).status_code == 302
    assert client.post(decision_url("fr", state, "approve/")).status_code == 302


def test_decisions_are_post_only_and_csrf_protected(pending, approver):
    plan, state = pending
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(approver)
    assert browser.get(decision_url("fr", state, "approve/")).status_code == 405
    assert browser.post(decision_url("fr", state, "approve/")).status_code == 403
    plan.refresh_from_db()
    assert not plan.live


@pytest.mark.parametrize("language", LANGUAGES)
def test_requesting_changes_needs_a_comment(client, pending, approver, language):
    _plan, state = pending
    client.force_login(approver)
    response = client.post(decision_url(language, state, "request-changes/"), {"comment": "   "})
    assert response.status_code == 400
    error = soup(response).select_one("#comment-error").get_text(strip=True)
    assert error == translated(
        "Please write what should change: the trainer receives your comment.", language
    )
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS


@pytest.mark.parametrize("language", LANGUAGES)
def test_requesting_changes_sends_the_plan_back_with_the_comment(
    client, pending, approver, trainer, language
):
    plan, state = pending
    client.force_login(approver)
    mail.outbox.clear()
    comment = "Préciser le lieu de l'atelier 2."
    response = client.post(
        decision_url(language, state, "request-changes/"), {"comment": comment}, follow=True
    )

    outcome = soup(response).select_one(".decision-outcome").get_text()
    assert comment in outcome
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_REJECTED and state.comment == comment
    assert WorkflowState.objects.get(pk=state.workflow_state_id).status == WorkflowState.STATUS_NEEDS_CHANGES
    plan.refresh_from_db()
    assert not plan.live
    # the trainer who submitted it is told, with the comment (Wagtail's notification)
    to_trainer = [message for message in mail.outbox if trainer.email in message.to]
    assert to_trainer and comment in to_trainer[0].body


def test_the_administrator_keeps_the_functions_and_no_one_else(client, site_tree, make_user, trainer):
    signer = make_user(Role.OTE_APPROVER, username="signer")
    admin = make_user(username="boss", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(
        path_to("wagtailsnippets_lms_staffprofile:add"),
        {"user": signer.pk, "function_fr": FUNCTION["fr"], "function_ar": FUNCTION["ar"]},
    )
    assert response.status_code == 302
    profile = StaffProfile.objects.get(user=signer)
    assert (profile.function_fr, profile.function_ar) == (FUNCTION["fr"], FUNCTION["ar"])

    client.force_login(trainer)
    assert client.get(path_to("wagtailsnippets_lms_staffprofile:list")).status_code in (302, 403)
    assert client.post(
        path_to("wagtailsnippets_lms_staffprofile:edit", profile.pk), {"user": signer.pk, "function_fr": "X"}
    ).status_code in (302, 403)
    profile.refresh_from_db()
    assert profile.function_fr == FUNCTION["fr"]

"""A training plan goes live only through its approval in the OTE approval workflow: every other
admin path a trainer (or an approver) can take to publish it leaves it unpublished."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.utils import translation
from wagtail.models import Page, Revision, Workflow, WorkflowPage

from home.models import HomePage
from home.site_tree import remove_root_workflows
from lms.models import TrainingPlanPage
from lms.training.plans import APPROVAL_WORKFLOW, PUBLICATION_REFUSED, approval_of, ensure_approval_workflow
from tests.conftest import translated
from tests.factories.plans import approve, make_plan, submit
from tests.lms.admin_forms import form_data
from tests.paths import path_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(site_tree):
    ensure_approval_workflow()
    return make_plan()


@pytest.fixture
def approved_plan(plan, trainer, approver):
    submit(plan, trainer)
    approve(plan, approver)
    plan.refresh_from_db()
    assert plan.live and approval_of(plan).is_current
    return plan


def live_without_approval() -> list[TrainingPlanPage]:
    return [
        p
        for p in TrainingPlanPage.objects.live()
        if (approval := approval_of(p)) is None or not approval.is_current
    ]


REFUSED = (
    "A training plan is published only when an OTE approver approves it: save it as a draft, then "
    "submit it for approval. Nothing was saved."
)


def refused(response) -> bool:
    """The admin said why (in whichever language it speaks)."""
    said = {str(m) for m in response.wsgi_request._messages}
    return bool(said & {translation.gettext(REFUSED), *(translated(REFUSED, lang) for lang in ("fr", "ar"))})


def test_the_refusal_is_one_sentence_of_the_catalogue():
    with translation.override("en"):
        assert str(PUBLICATION_REFUSED) == REFUSED


def test_create_and_publish(client, site_tree, trainer):
    ensure_approval_workflow()
    client.force_login(trainer)
    url = path_to("wagtailadmin_pages:add", "lms", "trainingplanpage", site_tree.pk)
    html = client.get(url).content.decode()
    assert 'name="action-publish"' not in html  # not offered
    data = form_data(html) | {
        "title_fr": "Plan publié d'office",
        "slug_fr": "plan-publie",
        "action-publish": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 302 and refused(response)
    assert not TrainingPlanPage.objects.exists()  # nothing half-saved
    # Saved as a draft, it goes to the OTE approval workflow.
    data.pop("action-publish")
    assert client.post(url, data).status_code == 302
    created = TrainingPlanPage.objects.get()
    assert not created.live and created.get_workflow().name == APPROVAL_WORKFLOW


def test_create_page_in_arabic_says_why(client, site_tree, trainer):
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(user=trainer, defaults={"preferred_language": "ar"})
    ensure_approval_workflow()
    client.force_login(trainer)
    url = path_to("wagtailadmin_pages:add", "lms", "trainingplanpage", site_tree.pk)
    data = form_data(client.get(url).content.decode()) | {
        "title_fr": "P",
        "slug_fr": "p",
        "action-publish": "1",
    }
    page = client.post(url, data, follow=True).content.decode()
    assert translated(REFUSED, "ar") in page


@pytest.mark.parametrize("scheduled", [False, True])
def test_edit_and_publish(client, plan, trainer, scheduled):
    client.force_login(trainer)
    edit = path_to("wagtailadmin_pages:edit", plan.pk)
    html = client.get(edit).content.decode()
    assert 'name="action-publish"' not in html
    data = form_data(html) | {"title_fr": "Publié par le formateur", "action-publish": "1"}
    if scheduled:
        data["go_live_at"] = "2027-01-05 09:00"
    client.post(edit, data)
    plan.refresh_from_db()
    assert not plan.live and not live_without_approval()
    assert not Revision.page_revisions.filter(
        object_id=str(plan.pk), approved_go_live_at__isnull=False
    ).exists()


def test_the_api_refuses_a_trainer(plan, trainer):
    with pytest.raises(PermissionDenied):
        plan.save_revision(user=trainer).publish(user=trainer)
    plan.refresh_from_db()
    assert not plan.live


def test_the_approver_has_no_publish_button_but_approving_publishes(client, plan, trainer, approver):
    submit(plan, trainer)
    client.force_login(approver)
    edit = path_to("wagtailadmin_pages:edit", plan.pk)
    html = client.get(edit).content.decode()
    assert 'name="action-publish"' not in html
    data = form_data(html)
    client.post(edit, data | {"action-publish": "1"})
    plan.refresh_from_db()
    assert not plan.live  # "Publish" is not approval
    response = client.post(edit, data | {"action-workflow-action": "true", "workflow-action-name": "approve"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.live and approval_of(plan).approver == approver and approval_of(plan).is_current


COPY_IS_A_DRAFT = (
    "A copied training plan is a draft: it is published only when an OTE approver approves it. Submit "
    "it for approval."
)


def copy_form(client, page, **changes) -> dict:
    """The admin's copy form (wagtail-modeltranslation's: "Publish copied page" ticked by default)."""
    html = client.get(path_to("wagtailadmin_pages:copy", page.pk)).content.decode()
    return form_data(html, action="/copy/") | changes


@pytest.mark.parametrize("extra", [{"publish_copies": "on"}, {"alias": "on"}, {}])
def test_copy_of_an_approved_plan_is_a_draft_under_approval(client, approved_plan, trainer, site_tree, extra):
    client.force_login(trainer)
    data = copy_form(client, approved_plan, new_slug_fr="copie", new_slug_ar="nuskha", **extra)
    if not extra:
        data.pop("publish_copies", None)
    response = client.post(path_to("wagtailadmin_pages:copy", approved_plan.pk), data, follow=True)
    assert translated(COPY_IS_A_DRAFT) in response.content.decode()
    copy = TrainingPlanPage.objects.get(slug_fr="copie")
    assert not copy.live and copy.alias_of_id is None
    assert copy.get_workflow().name == APPROVAL_WORKFLOW
    assert not live_without_approval()


def test_a_plan_copied_live_by_another_path_is_taken_offline(rf, approved_plan, trainer, site_tree):
    """The after_copy_page safety net (the home page, the only page above plans, cannot be copied:
    no admin path copies a plan as part of a subtree today)."""
    from django.contrib.messages.storage.fallback import FallbackStorage

    from lms.wagtail_hooks import copied_plans_need_ote_approval

    copy = approved_plan.copy(
        keep_live=True, update_attrs={"slug": "copie", "slug_fr": "copie", "slug_ar": "nuskha"}
    )
    assert copy.live
    request = rf.post("/")
    request.user = trainer
    request.session = {}
    request._messages = FallbackStorage(request)
    copied_plans_need_ote_approval(request, approved_plan, copy)
    copy.refresh_from_db()
    assert not copy.live and copy.get_workflow().name == APPROVAL_WORKFLOW
    assert not live_without_approval()


def test_bulk_publish_and_unpublish(client, plan, approved_plan, trainer, site_tree):
    other = make_plan()
    client.force_login(trainer)

    def bulk(action: str, page) -> str:
        query = {"id": page.pk, "next": path_to("wagtailadmin_home")}
        return path_to("wagtail_bulk_action", "wagtailcore", "page", action, query=query)

    client.post(bulk("publish", other), {"include_descendants": "on"})
    # With the home page and its descendants: the plans are left out.
    client.post(bulk("publish", site_tree), {"include_descendants": "on"})
    other.refresh_from_db()
    assert not other.live and not live_without_approval()
    client.post(bulk("unpublish", approved_plan), {})
    approved_plan.refresh_from_db()
    assert approved_plan.live


def test_revert_to_an_approved_revision_and_publish(client, approved_plan, trainer, approver):
    first = approved_plan.live_revision
    approved_plan.title_fr = "Version 2"
    submit(approved_plan, trainer)
    approve(approved_plan, approver)
    approved_plan.refresh_from_db()
    second = approved_plan.live_revision
    client.force_login(trainer)
    html = client.get(
        path_to("wagtailadmin_pages:revisions_revert", approved_plan.pk, first.pk)
    ).content.decode()
    assert 'name="action-publish"' not in html
    client.post(
        path_to("wagtailadmin_pages:edit", approved_plan.pk), form_data(html) | {"action-publish": "1"}
    )
    approved_plan.refresh_from_db()
    assert approved_plan.live_revision == second and approved_plan.title_fr == "Version 2"
    assert not live_without_approval()


def test_move(client, plan, trainer, site_tree):
    root = Page.get_first_root_node()
    other_home = root.add_child(
        instance=HomePage(title="Autre", slug="autre", title_fr="Autre", slug_fr="autre")
    )
    client.force_login(trainer)
    client.post(path_to("wagtailadmin_pages:move_confirm", plan.pk, other_home.pk))
    plan.refresh_from_db()
    assert plan.get_parent().pk == other_home.pk
    assert not plan.live and plan.get_workflow().name == APPROVAL_WORKFLOW


def put_back_the_default_workflow() -> Workflow:
    """What Wagtail's migration wagtailcore.0048 leaves in a database (home.0002 has removed it from
    the test database)."""
    workflow = Workflow.objects.get(name="Moderators approval")
    Workflow.objects.filter(pk=workflow.pk).update(active=True)
    WorkflowPage.objects.create(page=Page.get_first_root_node(), workflow=workflow)
    return workflow


def test_the_root_carries_no_workflow(site_tree):
    """Wagtail's "Moderators approval" (on the root, for a group that no longer exists) is removed
    by the site's setup (setup_site, through ensure_home_page) and by the data migration."""
    from home.site_tree import ensure_home_page

    root = Page.get_first_root_node()
    workflow = put_back_the_default_workflow()
    ensure_home_page()
    assert not WorkflowPage.objects.filter(page=root).exists()
    assert not Workflow.objects.get(pk=workflow.pk).active
    assert remove_root_workflows() == 0  # idempotent
    put_back_the_default_workflow()
    migration = importlib.import_module("home.migrations.0002_remove_default_workflow_from_root")
    migration.remove_root_workflows(apps, None)
    assert not WorkflowPage.objects.filter(page=root).exists()
    assert not Workflow.objects.get(pk=workflow.pk).active

import pytest

from home.roles import Role
from lms.training.plans import approval_of, ensure_approval_workflow
from tests.factories.plans import approve, make_plan, submit
from tests.paths import path_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(site_tree):
    ensure_approval_workflow()
    return make_plan()


def test_trainers_cannot_publish_a_plan_themselves(plan, trainer, approver):
    assert not plan.permissions_for_user(trainer).can_publish()
    assert plan.permissions_for_user(trainer).can_edit()


def test_draft_then_approval_then_approved_stamp(plan, trainer, approver):
    assert approval_of(plan) is None
    submit(plan, trainer)
    plan.refresh_from_db()
    assert not plan.live
    approve(plan, approver)
    plan.refresh_from_db()
    assert plan.live
    approval = approval_of(plan)
    assert approval.approver == approver and approval.is_current


def test_a_change_after_approval_needs_approval_again(plan, trainer, approver):
    submit(plan, trainer)
    approve(plan, approver)
    plan.refresh_from_db()
    plan.title_fr = "Plan révisé"
    submit(plan, trainer)
    plan.refresh_from_db()
    approval = approval_of(plan)
    assert not approval.is_current or plan.title_fr != "Plan révisé"
    assert plan.live_revision.as_object().title_fr != "Plan révisé"  # not published until approved
    approve(plan, approver)
    plan.refresh_from_db()
    assert plan.title_fr == "Plan révisé" and approval_of(plan).is_current


def test_a_revision_saved_during_the_review_is_approved_with_it(plan, trainer, approver):
    """Approving from the edit page saves the approver's form as a revision first; that
    published version carries the approval. A version published later does not."""
    submit(plan, trainer)
    plan.refresh_from_db()
    plan.save_revision(user=approver)  # what Wagtail's edit view does before the workflow action
    approve(plan, approver)
    plan.refresh_from_db()
    assert plan.live and approval_of(plan).is_current
    plan.title_fr = "Publié sans approbation"
    plan.save_revision(user=approver).publish()
    plan.refresh_from_db()
    assert not approval_of(plan).is_current


def test_only_approvers_can_approve(plan, trainer, make_user):
    submit(plan, trainer)
    task = ensure_approval_workflow().tasks.get().specific
    assert [g.name for g in task.groups.all()] == [Role.OTE_APPROVER.value]
    assert task.user_can_access_editor(plan, make_user(Role.OTE_APPROVER)) is not None


def test_approved_plan_page_and_pdf_show_the_approver(client, plan, trainer, approver, task_force):
    submit(plan, trainer)
    approve(plan, approver)
    plan.refresh_from_db()
    client.force_login(task_force)
    html = client.get(plan.url).content.decode()
    assert "approver" in html or approver.username in html
    pdf = client.get(plan.url + "pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(("role", "status"), [(Role.TRAINEE, 403), (None, 302)])
def test_plan_page_is_not_for_trainees(client, plan, trainer, approver, make_user, role, status):
    submit(plan, trainer)
    approve(plan, approver)
    plan.refresh_from_db()
    if role:
        client.force_login(make_user(role))
    assert client.get(plan.url).status_code == status


def test_a_new_plan_starts_from_the_priorities_agreed_in_the_minutes(client, site_tree, trainer):
    from assessments.minutes import adopt_minutes
    from assessments.models import MeetingMinutes
    from home.models import HomePage
    from tests.factories.questionnaires import make_competences, make_questionnaire

    c1, c2, c3 = make_competences(3)
    minutes = MeetingMinutes.objects.create(
        questionnaire=make_questionnaire(competences=[c1]), meeting_date="2026-11-20", participants="X"
    )
    minutes.priority_competences.set([c3, c1])
    client.force_login(trainer)
    url = path_to("wagtailadmin_pages:add", "lms", "trainingplanpage", HomePage.objects.get().pk)
    assert not client.get(url).context["form"].initial.get("target_competences")  # a draft agreed nothing
    adopt_minutes(minutes=minutes, user=trainer)
    assert set(client.get(url).context["form"].initial["target_competences"]) == {c1.pk, c3.pk}

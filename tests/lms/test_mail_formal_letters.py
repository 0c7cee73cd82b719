"""E-mails are formal letters in the recipient's language: the approval workflow's notifications
(naming the workflow in that language) and the password reset (issue 18)."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import translation
from wagtail.models import Task, Workflow
from wagtail.users.models import UserProfile

from home.roles import Role
from lms.training.plans import ensure_approval_workflow, workflow_label
from tests.factories.plans import approve, make_plan
from tests.paths import path_to

pytestmark = pytest.mark.django_db


def edit_form_data(html: str) -> dict[str, list[str]]:
    """The fields of Wagtail's page edit form, as a browser would send them."""
    form = BeautifulSoup(html, "html.parser").find("form", attrs={"data-edit-form": True}) or BeautifulSoup(
        html, "html.parser"
    ).find("form", method="post")
    data: dict[str, list[str]] = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        kind = field.get("type", "text")
        if not name or field.has_attr("disabled") or kind in ("submit", "button", "file"):
            continue
        if kind in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "textarea":
            values = [field.text]
        elif field.name == "select":
            values = [option.get("value", "") for option in field.find_all("option", selected=True)]
        else:
            values = [field.get("value", "")]
        data.setdefault(name, []).extend(values)
    return data


@pytest.fixture
def mounira(make_user):
    return make_user(Role.OTE_APPROVER, username="mounira", first_name="Mounira", last_name="Jaziri")


def submit_through_the_admin(client, trainer, plan):
    client.force_login(trainer)
    url = path_to("wagtailadmin_pages:edit", plan.pk)
    data = edit_form_data(client.get(url).content.decode())
    response = client.post(url, {**data, "action-submit": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]


FORMAL = {
    # greeting, approval's name, title of the plan as submitted
    "ar": ("إلى عناية", "تحية طيبة، وبعد،", "مصادقة ديوان التونسيين بالخارج", "مخطط"),
    "fr": ("À l'attention de", "Madame, Monsieur,", "Approbation de l'OTE", "Plan"),
}
INFORMAL = ["Hello", "Salut", "Bonjour", "مرحبا", "مرحبًا", "OTE approval"]


def set_admin_language(user, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_approver_is_written_to_formally_in_their_admin_language(
    client, site_tree, trainer, mounira, language
):
    ensure_approval_workflow()
    set_admin_language(mounira, language)
    plan = make_plan()
    submit_through_the_admin(client, trainer, plan)
    (message,) = [message for message in mail.outbox if message.to == [mounira.email]]
    attention, greeting, approval, title = FORMAL[language]
    lines = message.body.splitlines()
    assert attention in lines[0] and "Mounira Jaziri" in lines[0]
    assert greeting in message.body
    assert approval in message.subject and approval in message.body
    assert title in message.subject and "Karim Belhadj" in message.body
    # The approver is sent to the one-screen decision, in their language.
    assert re.search(rf"/{language}/approvals/\d+/", message.body)
    assert not [word for word in INFORMAL if word in message.subject + message.body]


def test_the_trainer_learns_of_the_approval_formally_in_their_admin_language(
    client, site_tree, trainer, mounira
):
    ensure_approval_workflow()
    set_admin_language(trainer, "ar")
    plan = make_plan()
    submit_through_the_admin(client, trainer, plan)
    mail.outbox.clear()
    approve(plan, mounira)
    (message,) = [message for message in mail.outbox if message.to == [trainer.email]]
    assert "تمّت المصادقة" in message.subject and "مصادقة ديوان التونسيين بالخارج" in message.subject
    assert "إلى عناية" in message.body and "Karim Belhadj" in message.body
    assert not [word for word in INFORMAL if word in message.subject + message.body]


def test_the_approval_workflow_is_named_in_french_and_labelled_in_each_language(site_tree):
    Workflow.objects.create(name="OTE approval")  # as an earlier version named it
    workflow = ensure_approval_workflow()
    names = ["OTE approval", "Approbation de l'OTE"]
    assert workflow.name == "Approbation de l'OTE"
    assert list(Workflow.objects.filter(name__in=names).values_list("name", flat=True)) == [workflow.name]
    assert list(Task.objects.filter(name__in=names).values_list("name", flat=True)) == [workflow.name]
    with translation.override("ar"):
        assert workflow_label(name=workflow.name) == "مصادقة ديوان التونسيين بالخارج"
    with translation.override("fr"):
        assert workflow_label(name=workflow.name) == "Approbation de l'OTE"
    assert workflow_label(name="Autre circuit") == "Autre circuit"


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_password_reset_e_mail_is_a_formal_letter_in_the_language_asked_in(
    client, site_tree, trainee, language
):
    client.post(path_to("password_reset", language=language), {"email": trainee.email})
    (message,) = mail.outbox
    attention, greeting, _approval, _title = FORMAL[language]
    assert attention in message.body.splitlines()[0] and "Amira Ben Ali" in message.body
    assert greeting in message.body and "/reset/" in message.body
    assert not [word for word in INFORMAL if word in message.subject + message.body]

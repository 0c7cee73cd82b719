"""The workflow e-mails carry an HTML letter beside the text: in the recipient's admin language, with
its direction (right to left in Arabic), formal, the names isolated, no English left (issue 18)."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from lms.training.plans import ensure_approval_workflow
from tests.factories.plans import approve, make_plan
from tests.lms.test_mail_formal_letters import FORMAL, INFORMAL, set_admin_language, submit_through_the_admin

pytestmark = pytest.mark.django_db

# Wagtail's own English HTML notifications, which ours replace.
ENGLISH = [
    "Hello",
    "has been submitted",
    "You can preview",
    "You can edit",
    "moderation stage",
    "Edit your notification preferences",
    "approval",
    "Dear",
    "Yours",
]


def html_letter(message) -> BeautifulSoup:
    ((content, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return BeautifulSoup(content, "html.parser")


@pytest.fixture
def mounira(make_user):
    from home.roles import Role

    return make_user(Role.OTE_APPROVER, username="mounira", first_name="Mounira", last_name="Jaziri")


@pytest.mark.parametrize("language, direction", [("ar", "rtl"), ("fr", "ltr")])
def test_the_approver_receives_a_formal_html_letter_in_their_language_and_direction(
    client, site_tree, trainer, mounira, language, direction
):
    ensure_approval_workflow()
    set_admin_language(mounira, language)
    # The trainer who submits reads the admin in the other language: the letter must not follow his.
    set_admin_language(trainer, "fr" if language == "ar" else "ar")
    plan = make_plan()
    submit_through_the_admin(client, trainer, plan)
    (message,) = [message for message in mail.outbox if message.to == [mounira.email]]
    letter = html_letter(message)
    html = letter.find("html")
    assert (html["lang"], html["dir"]) == (language, direction)
    text = letter.get_text(" ", strip=True)
    attention, greeting, approval, title = FORMAL[language]
    assert attention in text and greeting in text and approval in text and title in text
    # Names and titles are isolated, so that "Mounira Jaziri" reads right inside Arabic.
    isolated = [bdi.get_text() for bdi in letter.find_all("bdi")]
    assert "Mounira Jaziri" in isolated and "Karim Belhadj" in isolated
    assert any(name.startswith(title) for name in isolated)
    # The link leads to the one-screen decision, in the approver's language.
    (decision,) = letter.find_all("a", href=re.compile("/approvals/"))
    assert re.search(rf"/{language}/approvals/\d+/$", decision["href"])
    assert re.search(rf"/{language}/approvals/\d+/", message.body)
    words = re.sub(r"https?://\S+", "", text)  # addresses are not wording
    leftovers = [word for word in ENGLISH + INFORMAL if word in words]
    assert leftovers == []


def test_the_trainer_learns_of_the_approval_in_an_arabic_html_letter(client, site_tree, trainer, mounira):
    ensure_approval_workflow()
    set_admin_language(trainer, "ar")
    plan = make_plan()
    submit_through_the_admin(client, trainer, plan)
    mail.outbox.clear()
    approve(plan, mounira)
    (message,) = [message for message in mail.outbox if message.to == [trainer.email]]
    letter = html_letter(message)
    assert (letter.find("html")["lang"], letter.find("html")["dir"]) == ("ar", "rtl")
    text = letter.get_text(" ", strip=True)
    assert "تمّت المصادقة" in text or "مصادقة ديوان التونسيين بالخارج" in text
    assert "إلى عناية" in text
    assert [word for word in ENGLISH + INFORMAL if word in text] == []

"""The shared actor register (issue 20): trainees propose, a trainer approves; the proposer alone
sees a proposal until then, the trainers' board lists it; private contacts are refused."""

import pytest
from django.urls import reverse

from courses.actors import approve_actor, propose_actor
from courses.models import Actor
from lms.practice.workbook import start_worksheet
from tests.factories.practice import make_practice_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_tree, make_user):
    return make_practice_world(make_user)


def test_a_proposed_actor_is_seen_by_its_proposer_only_until_a_trainer_approves_it(client, world, trainer):
    trainee, other = world["trainee"], world["other"]
    client.force_login(trainee)
    response = client.post(
        reverse("lms:practice:actors"),
        {
            "name": "Agence fédérale BBU",
            "acronym": "BBU",
            "kind": "agency",
            "country": "Autriche",
            "role": "Conseil au retour",
        },
    )
    assert response.status_code == 302
    proposal = Actor.objects.get(acronym="BBU")
    assert not proposal.live and proposal.proposed_by == trainee
    assert "BBU" in client.get(reverse("lms:practice:actors")).content.decode()
    assert proposal in Actor.objects.visible_to(trainee)

    client.force_login(other)
    assert "BBU" not in client.get(reverse("lms:practice:actors")).content.decode()
    assert proposal not in Actor.objects.visible_to(other)
    worksheet = start_worksheet(user=other, template=world["templates"]["plan-de-plaidoyer"])
    form = client.get(
        reverse("lms:practice:worksheet_edit", kwargs={"worksheet_id": worksheet.pk})
    ).content.decode()
    assert "BBU" not in form

    approve_actor(actor=proposal, user=trainer)
    assert "BBU" in client.get(reverse("lms:practice:actors")).content.decode()
    proposal.refresh_from_db()
    assert proposal.live and proposal.live_revision == proposal.latest_revision  # the proposal, as approved


def test_the_trainer_dashboard_lists_the_actor_proposals_until_one_is_approved(client, world, trainer):
    """A trainee's proposal reaches the trainers on their board, linking to its editor, where
    publishing approves it (a draft was otherwise found only by looking through the register)."""
    from bs4 import BeautifulSoup

    proposal = propose_actor(
        user=world["trainee"], name="Agence fédérale BBU", kind="agency", country="Autriche", role="Retour"
    )
    client.force_login(trainer)

    def listed():
        html = BeautifulSoup(client.get("/admin/").content, "html.parser")
        return [
            (" ".join(li.get_text(" ").split()), li.a["href"]) for li in html.select(".actor-proposals li")
        ]

    [(text, link)] = listed()
    assert text.startswith("Agence fédérale BBU") and "Amira Ben Ali" in text
    assert link == reverse("wagtailsnippets_courses_actor:edit", args=[proposal.pk])
    assert client.get(link).status_code == 200
    approve_actor(actor=proposal, user=trainer)
    assert listed() == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("contact_phone", "+33 6 12 34 56 78"),
        ("contact_phone", "+216 98 123 456"),
        ("contact_email", "x@gmail.com"),
    ],
)
def test_the_register_refuses_private_contacts(world, field, value):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        propose_actor(
            user=world["trainee"],
            name="Agence",
            kind="agency",
            country="France",
            role="Rôle",
            **{field: value},
        )
    assert field in refused.value.message_dict
    assert not Actor.objects.filter(name="Agence").exists()


def test_an_institutional_switchboard_is_accepted(world):
    actor = propose_actor(
        user=world["trainee"],
        name="Agence",
        kind="agency",
        country="France",
        role="Rôle",
        contact_phone="+33 1 53 69 53 70",
    )
    assert actor.pk

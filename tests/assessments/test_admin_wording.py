"""The question editor's add button reads as French and Arabic are written (issue 18)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.users.models import UserProfile

from assessments.models import Question

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "expected"), [("fr", "Ajouter un choix"), ("ar", "إضافة خيار")])
def test_the_choice_panel_offers_to_add_a_choice(client, site_tree, trainer, language, expected):
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = language
    profile.save()
    client.force_login(trainer)
    url = reverse(f"wagtailsnippets_{Question._meta.app_label}_{Question._meta.model_name}:add")
    page = BeautifulSoup(client.get(url).content, "html.parser")
    buttons = [" ".join(button.get_text().split()) for button in page.select("#id_choices-ADD")]
    assert buttons == [expected]
    assert "un(e)" not in page.get_text()

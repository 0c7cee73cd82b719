"""The header's and footer's cached fragments (home.site_cache.fragment_version): shared by people of
the same roles in the same language, never showing one person another's name or menu."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.utils import translation

from home.navigation import NavLink, Place, _providers
from home.roles import Role
from tests.conftest import translated
from tests.paths import home_path

pytestmark = pytest.mark.django_db


def header_of(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").header


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_each_person_sees_their_own_name_and_logout_form(client, site_tree, make_user, language):
    first = make_user(Role.TRAINEE, first_name="Amira", last_name="Ben Ali")
    second = make_user(Role.TRAINEE, first_name="Sonia", last_name="Mejri")
    for user, name, other in ((first, "Amira Ben Ali", "Sonia"), (second, "Sonia Mejri", "Amira")):
        client.force_login(user)
        header = header_of(client, home_path(language))
        assert header.select_one(".user-menu summary").get_text(strip=True) == name
        assert other not in header.get_text()
        token = header.select_one(".user-menu form input[name=csrfmiddlewaretoken]")["value"]
        assert token and token != "None"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_menus_follow_a_change_of_role_at_once(client, site_tree, make_user, language):
    user = make_user(Role.TRAINEE)
    client.force_login(user)
    learning_path, review_area = translated("My learning path", language), translated("Review area", language)
    with translation.override(language):
        administration = translation.gettext("Administration")  # the same word in French
    header = header_of(client, home_path(language))
    assert learning_path in header.get_text()
    assert review_area not in header.get_text()
    assert administration not in header.get_text()

    user.groups.set([Group.objects.get(name=Role.TRAINER)])
    header = header_of(client, home_path(language))
    assert review_area in header.get_text()
    assert learning_path not in header.get_text()
    assert administration in header.select_one(".user-menu").get_text()


def test_the_language_switch_leads_to_the_page_being_read(client, site_tree, trainee):
    from tests.factories.courses import enrol, lessons_of, make_course

    course = make_course(modules=1, lessons=2)
    enrol(trainee, course)
    client.force_login(trainee)
    for lesson in lessons_of(course):
        with translation.override("fr"):
            url = lesson.get_url()
        with translation.override("ar"):
            arabic = lesson.get_url()
        assert header_of(client, url).select_one("a.language-switch")["href"] == arabic


def test_people_of_the_same_roles_share_the_menu_rendered_once(client, site_tree, make_user):
    calls = []

    def counting(request):
        calls.append(request.user.pk)
        return [NavLink("Compté", home_path())]

    _providers[Place.MAIN].append(counting)
    try:
        for _ in range(2):
            client.force_login(make_user(Role.TRAINEE))
            assert "Compté" in header_of(client, home_path()).get_text()
        assert len(calls) == 1
        client.force_login(make_user(Role.TASK_FORCE))
        header_of(client, home_path())
        assert len(calls) == 2  # another role, another menu
    finally:
        _providers[Place.MAIN].remove(counting)

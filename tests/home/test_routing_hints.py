"""The router's hint (`home.routing.RouteHint`): an address routed once reads its page in one query
the next time, and that query, not the cache, says whether the page may be served.

Each test changes the tree behind the cache's back (`QuerySet.update` sends no signal, so the
content version stays where it was), as another process's edit looks to a process that keeps its
own cache: the hint is still there, and the database must overrule it.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from courses.models import LessonPage
from home import site_cache
from home.routing import RouteHint
from home.site_cache import page_tree_key
from tests.factories.courses import enrol, lessons_of, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(site_tree, trainee, client):
    course = make_course(modules=1, lessons=2)
    enrol(trainee, course)
    client.force_login(trainee)
    return lessons_of(course)[0]


def queries(client, url: str) -> tuple[int, int]:
    """The response's status and its number of queries."""
    with CaptureQueriesContext(connection) as captured:
        status = client.get(url).status_code
    return status, len(captured)


def hints_kept() -> dict[str, RouteHint]:
    prefix = page_tree_key("home:route:").split(":v")[0]
    return {key: entry[1][0] for key, entry in site_cache._in_process.items() if key.startswith(prefix)}


def test_a_second_visit_reads_the_page_in_one_query_with_its_branch(client, lesson):
    url = lesson.get_url()
    client.get(url)  # the caches and the hint filled
    assert [hint.page_id for hint in hints_kept().values()] == [lesson.pk]
    with_hint = queries(client, url)
    for key in hints_kept():
        site_cache._in_process.pop(key)
        cache.delete(key)
    without_hint = queries(client, url)
    assert with_hint[0] == without_hint[0] == 200
    assert with_hint[1] == without_hint[1] - 1  # the branch and the lesson's row in one query


def test_a_page_above_unpublished_elsewhere_is_not_served_from_the_hint(client, lesson):
    url = lesson.get_url()
    assert client.get(url).status_code == 200
    Page.objects.filter(pk=lesson.get_parent().pk).update(live=False)  # no signal: the hint stays
    assert client.get(url).status_code == 404


def test_the_page_itself_unpublished_elsewhere_is_not_served(client, lesson):
    url = lesson.get_url()
    assert client.get(url).status_code == 200
    LessonPage.objects.filter(pk=lesson.pk).update(live=False)
    assert client.get(url).status_code == 404


def test_a_view_restriction_set_elsewhere_applies_at_once(client, lesson, trainee):
    url = lesson.get_url()
    assert client.get(url).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=lesson.get_parent(), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.create(name="Hors de la cohorte")])
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_page_given_another_address_elsewhere_is_found_at_its_new_one(client, lesson):
    url = lesson.get_url()
    assert client.get(url).status_code == 200
    LessonPage.objects.filter(pk=lesson.pk).update(
        slug_fr=f"{lesson.slug_fr}-bis", url_path_fr=lesson.url_path_fr.rstrip("/") + "-bis/"
    )
    assert client.get(url).status_code == 404
    assert client.get(url.rstrip("/") + "-bis/").status_code == 200


def test_no_hint_is_kept_for_a_branch_with_a_view_restriction(client, lesson, trainee):
    group = Group.objects.create(name="Cohorte restreinte")
    trainee.groups.add(group)
    restriction = PageViewRestriction.objects.create(
        page=lesson.get_parent(), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([group])
    assert client.get(lesson.get_url()).status_code == 200
    assert hints_kept() == {}

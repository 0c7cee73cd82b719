"""Cached reads of the site (settings, menu, course outlines) never show an edit late in-process."""

import pytest
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from courses.progress import course_progress
from home.models import SiteSettings
from home.routing import view_restrictions_of
from tests.factories.courses import add_lesson, enrol, lessons_of, make_course
from tests.paths import home_path

pytestmark = pytest.mark.django_db


def test_saved_site_settings_show_on_the_next_page(client, site_tree):
    assert "Tounesna Academy" in client.get(home_path()).content.decode()
    settings = SiteSettings.objects.get()
    settings.organisation_name_fr = "Académie de test"
    settings.save()
    assert "Académie de test" in client.get(home_path()).content.decode()


def test_a_page_added_to_the_menu_shows_on_the_next_page(client, site_tree):
    assert "Ressources" not in client.get(home_path()).content.decode()
    with translation.override("fr"):
        site_tree.add_child(instance=Page(title="Ressources", slug="ressources", show_in_menus=True))
    assert "Ressources" in client.get(home_path()).content.decode()


def test_the_outline_counts_a_lesson_added_after_it_was_cached(site_tree, trainee):
    course = make_course(modules=1, lessons=2)
    enrol(trainee, course)
    assert course_progress(user=trainee, course=course).total == 2
    add_lesson(course.get_children().first())
    assert course_progress(user=trainee, course=course).total == 3
    lessons_of(course)[0].unpublish()
    assert course_progress(user=trainee, course=course).total == 2


def test_an_edit_by_another_process_shows_here_at_once(site_tree, trainee):
    """This process keeps decoded outlines; another process's save changes the shared content
    version, and that alone must make this process read the outline again."""
    from django.core.cache import cache

    from home.site_cache import VERSION_KEY

    course = make_course(modules=1, lessons=3)
    enrol(trainee, course)
    assert course_progress(user=trainee, course=course).total == 3
    Page.objects.filter(pk=lessons_of(course)[0].pk).update(live=False)  # no signal in this process
    assert course_progress(user=trainee, course=course).total == 3
    cache.set(VERSION_KEY, cache.get(VERSION_KEY) + 1, None)  # what the other process's save did
    assert course_progress(user=trainee, course=course).total == 2


def test_view_restrictions_are_wagtails_in_one_query(site_tree, django_assert_num_queries):
    course = make_course(modules=1, lessons=1)
    lesson = lessons_of(course)[0]
    restriction = PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    with django_assert_num_queries(1):
        found = list(view_restrictions_of(lesson))
    assert found == [restriction] == list(Page.get_view_restrictions(lesson))


def test_view_restrictions_of_an_alias_are_its_sources(site_tree):
    course = make_course(modules=1, lessons=1)
    module = course.get_children().first()
    restriction = PageViewRestriction.objects.create(page=module, restriction_type=PageViewRestriction.LOGIN)
    other = make_course(modules=1, lessons=0)
    alias = module.specific.create_alias(parent=other, update_slug="module-alias")
    assert list(view_restrictions_of(alias)) == [restriction] == list(Page.get_view_restrictions(alias))


def test_a_restricted_course_keeps_its_lessons_restricted(client, site_tree, trainee):
    course = make_course(modules=1, lessons=1)
    enrol(trainee, course)
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    client.force_login(trainee)
    response = client.get(lessons_of(course)[0].url)
    assert response.status_code == 200 and b'name="password"' in response.content


@pytest.mark.parametrize("where", ["site root", "course", "module", "lesson"])
def test_a_restriction_anywhere_on_the_branch_keeps_the_lesson_restricted(client, site_tree, trainee, where):
    """The routing reads the branch's restrictions with the page; whichever page holds one, the
    lesson asks for the password, as Wagtail's own reading does."""
    course = make_course(modules=1, lessons=1)
    enrol(trainee, course)
    lesson = lessons_of(course)[0]
    holder = {"site root": site_tree, "course": course, "module": lesson.get_parent(), "lesson": lesson}
    PageViewRestriction.objects.create(
        page=holder[where], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    client.force_login(trainee)
    response = client.get(lesson.url)
    assert response.status_code == 200 and b'name="password"' in response.content


def test_an_unrestricted_branch_costs_no_query_of_its_own(client, site_tree, trainee):
    course = make_course(modules=1, lessons=1)
    enrol(trainee, course)
    client.force_login(trainee)
    url = lessons_of(course)[0].url
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    own = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().startswith('SELECT "wagtailcore_pageviewrestriction"')
    ]
    assert own == []


def test_the_site_is_not_read_again_on_every_request(client, site_tree, django_assert_num_queries):
    client.get(home_path())
    with django_assert_num_queries(0) as queries:
        from django.test import RequestFactory

        from home.site_cache import site_for_request

        site = site_for_request(RequestFactory().get(home_path()))
    assert site is not None and site.root_page_id == site_tree.pk and not queries.captured_queries


def test_a_saved_site_is_the_one_the_next_request_reads(client, site_tree):
    from django.test import RequestFactory
    from wagtail.models import Site

    from home.site_cache import site_for_request

    assert site_for_request(RequestFactory().get(home_path())).root_page_id == site_tree.pk
    site = Site.objects.get()
    other_root = Page.get_first_root_node().add_child(instance=Page(title="Autre", slug="autre"))
    site.root_page = other_root
    site.save()
    assert site_for_request(RequestFactory().get(home_path())).root_page_id == other_root.pk


def test_a_request_reads_the_content_version_once_and_follows_its_own_saves(site_tree):
    """Within a request every key is built from the version read when it began (another process's
    save shows from the next request); a page saved by the request itself moves it on at once.
    Outside a request, each read asks the shared cache."""
    from django.core.cache import cache
    from django.http import HttpResponse
    from django.test import RequestFactory

    from home.site_cache import VERSION_KEY, CachedSiteMiddleware, content_version

    seen = []

    def view(request):
        seen.append(content_version())
        cache.set(VERSION_KEY, seen[0] + 1, None)  # another process saves a page
        seen.append(content_version())
        site_tree.save_revision().publish()  # this request saves one
        seen.append(content_version())
        return HttpResponse()

    CachedSiteMiddleware(view)(RequestFactory().get(home_path()))
    assert seen[0] == seen[1] and seen[2] not in (seen[0], seen[0] + 1)
    cache.set(VERSION_KEY, 7, None)
    assert content_version() == 7

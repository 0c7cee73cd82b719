"""The one-query router (`home/routing.py`) against Wagtail's own routing, page by page.

The router is a performance shortcut installed on the site root; wagtail-modeltranslation's route
(Wagtail's tree walk on translated slugs) is the reference. For every page of the demo, in every
language, and for the sub-routes of routable pages, both must find the same page with the same
arguments; an address that leads nowhere is a 404 for both. The one intended difference (a live page
under an unpublished parent is not served) has its own test. See docs/upgrade-checklist.md.
"""

import pytest
from django.conf import settings
from django.http import Http404
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page, Site
from wagtail_modeltranslation.patch_wagtailadmin import _new_route as wagtail_route

from courses.models import LessonPage, ModulePage

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.xdist_group("test_routing_differential"),
]  # one worker builds the module's world once

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def demo(demo_site, db):
    return Site.objects.get(is_default_site=True).root_page.specific


def components(*, root: Page, page: Page, language: str) -> list[str]:
    root_path = getattr(root, f"url_path_{language}") or root.url_path
    page_path = getattr(page, f"url_path_{language}") or page.url_path
    return [part for part in page_path[len(root_path) :].split("/") if part]


def outcome(route, *, root: Page, language: str, parts: list[str]):
    """What a router makes of an address: (page id, args, kwargs), or 404."""
    request = RequestFactory().get(f"/{language}/{'/'.join(parts)}/")
    with translation.override(language):
        try:
            result = route(root, request, parts)
        except Http404:
            return "404"
    page, args, kwargs = result
    return (page.pk, tuple(repr(arg) for arg in args), tuple(sorted((kwargs or {}).items())))


def both(*, root: Page, language: str, parts: list[str]):
    return (
        outcome(type(root).route, root=root, language=language, parts=parts),
        outcome(wagtail_route, root=root, language=language, parts=parts),
    )


def test_every_page_of_the_demo_routes_as_wagtail_routes_it_in_every_language(demo):
    root = demo
    pages = [page.specific for page in Page.objects.descendant_of(root).live()]
    assert len(pages) > 20, "the demo should give a tree worth comparing"
    compared = 0
    for language in LANGUAGES:
        for page in pages:
            parts = components(root=root, page=page, language=language)
            ours, theirs = both(root=root, language=language, parts=parts)
            assert ours == theirs, (language, page.url_path, parts)
            assert ours != "404", (language, page.url_path)
            assert ours[0] == page.pk
            compared += 1
    assert compared == len(LANGUAGES) * len(pages)


def test_sub_routes_and_unknown_addresses_route_the_same_way(demo):
    root = demo
    quiz_parents = [
        page
        for page in Page.objects.descendant_of(root).live().specific()
        if hasattr(page, "resolve_subpage")
    ]
    assert quiz_parents, "the demo should have routable pages (quizzes, questionnaires, plans)"
    lesson = LessonPage.objects.live().first()
    for language in LANGUAGES:
        for page in quiz_parents:
            base = components(root=root, page=page, language=language)
            for tail in (["attempt", "1"], ["review", "1"], ["thanks"], ["no-such-route"]):
                ours, theirs = both(root=root, language=language, parts=[*base, *tail])
                assert ours == theirs, (language, page.url_path, tail)
        lesson_parts = components(root=root, page=lesson, language=language)
        for parts in ([*lesson_parts, "no-such-page"], ["no-such-course"], [*lesson_parts[:-1], "x"]):
            assert both(root=root, language=language, parts=parts) == ("404", "404"), parts


def test_a_live_page_under_an_unpublished_module_is_not_served_unlike_wagtail(demo):
    """The one intended difference: Wagtail serves a live page whose parent is unpublished; the
    router does not (every page an address goes through must be live)."""
    root = demo
    module = ModulePage.objects.live().first()
    lesson = LessonPage.objects.live().child_of(module).first()
    module.unpublish()
    lesson.refresh_from_db()
    for language in LANGUAGES:
        parts = components(root=root, page=lesson, language=language)
        ours, theirs = both(root=root, language=language, parts=parts)
        assert ours == "404"
        assert theirs != "404" and theirs[0] == lesson.pk

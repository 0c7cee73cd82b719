"""`home.routing.serve` against Wagtail's own page view (`wagtail.views.serve`): the same response for
every page of a course, in every language, one query fewer (the site root's specific row).
See docs/upgrade-checklist.md."""

import re

import pytest
from django.conf import settings
from django.urls import resolve
from django.utils import translation
from wagtail.models import Page
from wagtail.views import serve as wagtail_serve

from home import routing
from tests.factories.assessments import make_question, make_quiz
from tests.factories.courses import enrol, make_course

pytestmark = pytest.mark.django_db


CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def without_csrf_tokens(content: bytes) -> bytes:
    """Django masks the CSRF token afresh at every use."""
    return CSRF_TOKEN.sub(b"", content)


@pytest.fixture
def pages(site_tree, trainee, client):
    course = make_course(modules=1, lessons=2)
    make_quiz(course.get_children().first().specific, questions=[make_question()])
    enrol(trainee, course)
    client.force_login(trainee)
    return [page.specific for page in Page.objects.filter(depth__gte=2).order_by("path")]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_page_is_served_as_wagtail_serves_it(client, pages, language):
    assert len(pages) >= 6  # home, catalogue, course, module, two lessons, quiz
    for page in pages:
        with translation.override(language):
            url = page.get_url()
        client.get(url)  # a first visit is written; the two below read the same progress
        ours = client.get(url)
        match = resolve(ours.wsgi_request.path_info)
        assert match.func is routing.serve
        with translation.override(language):
            theirs = wagtail_serve(ours.wsgi_request, *match.args, **match.kwargs)
        if hasattr(theirs, "render"):
            theirs.render()
        assert (url, ours.status_code) == (url, theirs.status_code)
        assert without_csrf_tokens(ours.content) == without_csrf_tokens(theirs.content), url

"""A page is reachable only when every page above it is published, and search shows only what the
visitor could open: published branches, Wagtail view restrictions passed, enrolment for lessons."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from assessments.models import Attempt
from courses.models import StepProgress
from home.roles import Role
from tests.factories.assessments import make_quiz
from tests.factories.courses import add_lesson, enrol, make_course
from tests.paths import home_path, path_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(site_tree):
    course = make_course(modules=1, lessons=0)
    module = course.get_children().first().specific
    lesson = add_lesson(module, title_fr="Cartographie des acteurs", title_ar="رسم خارطة الفاعلين")
    lesson.summary_fr, lesson.summary_ar = "Cartographie confidentielle", "خارطة سرية"
    lesson.save_revision().publish()
    return course


def the_module(course):
    return course.get_children().first().specific


def the_lesson(course):
    return the_module(course).get_children().first().specific


def found(client, query: str, language: str = "fr") -> str:
    return client.get(path_to("lms:search", language=language), {"q": query}).content.decode()


def test_a_live_lesson_under_an_unpublished_module_cannot_be_read_nor_completed(client, course, trainee):
    enrol(trainee, course)
    client.force_login(trainee)
    lesson = the_lesson(course)
    assert client.get(lesson.url).status_code == 200
    the_module(course).unpublish()
    assert client.get(lesson.url).status_code == 404
    assert client.post(lesson.url + "complete/").status_code == 404
    assert not StepProgress.objects.filter(completed_at__isnull=False).exists()


def test_a_quiz_under_an_unpublished_course_cannot_be_started(client, course, trainee):
    enrol(trainee, course)
    client.force_login(trainee)
    quiz = make_quiz(the_module(course))
    course.unpublish()
    assert client.get(quiz.url).status_code == 404
    assert client.post(quiz.url + "start/").status_code == 404
    assert not Attempt.objects.exists()


@pytest.mark.parametrize("unpublished", ["module", "course"])
def test_search_hides_pages_under_an_unpublished_page(client, course, task_force, unpublished):
    client.force_login(task_force)
    assert "Cartographie des acteurs" in found(client, "cartographie")
    (the_module(course) if unpublished == "module" else course).unpublish()
    html = found(client, "cartographie")
    assert "Cartographie des acteurs" not in html and "confidentielle" not in html
    assert "رسم خارطة" not in found(client, "خارطة", "ar")


def test_search_hides_a_password_protected_lesson_until_the_password_is_given(client, course, trainee):
    enrol(trainee, course)
    client.force_login(trainee)
    restriction = PageViewRestriction.objects.create(
        page=the_lesson(course), restriction_type=PageViewRestriction.PASSWORD, password="s3cret-pass"
    )
    html = found(client, "cartographie")
    assert "Cartographie des acteurs" not in html and "confidentielle" not in html
    client.post(
        path_to("wagtailcore_authenticate_with_password", restriction.pk, the_lesson(course).pk),
        {"password": "s3cret-pass", "return_url": home_path()},
    )
    assert "Cartographie des acteurs" in found(client, "cartographie")


def test_search_hides_a_course_restricted_to_a_group_from_others(client, course, make_user):
    group = Group.objects.create(name="Promotion 2026")
    restriction = PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    outsider, insider = make_user(Role.TASK_FORCE), make_user(Role.TASK_FORCE)
    insider.groups.add(group)
    client.force_login(outsider)
    assert course.title not in found(client, "formation")
    assert "Cartographie des acteurs" not in found(client, "cartographie")
    client.force_login(insider)
    assert course.title in found(client, "formation")
    assert "Cartographie des acteurs" in found(client, "cartographie")


def test_search_hides_a_course_restricted_to_logged_in_visitors_from_anonymous_ones(client, course):
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    html = found(client, "formation")
    assert course.title not in html and "Résumé" not in html
    assert course.title_ar not in found(client, "دورة", "ar")

"""A course step's views get their course and the visitor's enrolment as a typed context
(`courses.access.StepContext`), read once by the step's `serve`, never from attributes left on the
request, the user or a page (issue 24)."""

import dataclasses

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from courses.access import read_step_context
from home.roles import Role
from tests.factories.assessments import make_question, make_quiz
from tests.factories.courses import enrol, lessons_of, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(site_tree):
    return make_course(modules=1, lessons=2)


def test_the_context_holds_the_course_and_the_enrolment_read_in_one_query(course, trainee):
    """The course comes from the cache once read; the enrolment is read every time."""
    lesson = lessons_of(course)[0]
    read_step_context(step=lesson, user=trainee)
    with CaptureQueriesContext(connection) as outsider:
        context = read_step_context(step=lesson, user=trainee)
    assert len(outsider) == 1 and "courses_cohort" in outsider[0]["sql"]
    assert context.course.pk == course.pk
    assert context.enrolled is False
    assert context.may_open is False

    enrol(trainee, course)
    context = read_step_context(step=lesson, user=trainee)
    assert (context.step, context.user, context.enrolled, context.may_open) == (lesson, trainee, True, True)


def test_the_context_is_frozen(course, trainee):
    context = read_step_context(step=lessons_of(course)[0], user=trainee)
    with pytest.raises(dataclasses.FrozenInstanceError):
        context.enrolled = True


def test_a_trainer_may_open_without_enrolment(course, make_user):
    context = read_step_context(step=lessons_of(course)[0], user=make_user(Role.TRAINER))
    assert context.enrolled is False
    assert context.may_open is True


def test_serving_a_lesson_leaves_nothing_on_the_request(client, course, trainee):
    enrol(trainee, course)
    client.force_login(trainee)
    response = client.get(lessons_of(course)[0].get_url())
    assert response.status_code == 200
    assert not hasattr(response.wsgi_request, "course")
    assert not hasattr(response.wsgi_request, "routed_pages")
    assert response.context["course"].pk == course.pk


def test_completing_a_lesson_goes_on_to_the_next_one(client, course, trainee):
    enrol(trainee, course)
    client.force_login(trainee)
    first, second = lessons_of(course)
    response = client.post(first.get_url() + "complete/")
    assert response.status_code == 302
    assert response["Location"] == second.get_url()


def test_a_trainer_previews_a_quiz_with_its_step_context(client, course, make_user):
    """The preview goes through the same checks and context as a visit (it failed before: the
    quiz overview read a course left on the request by `serve`, which a preview never called)."""
    module = course.get_children().first().specific
    quiz = make_quiz(module, questions=[make_question()])
    client.force_login(make_user(Role.TRAINER))
    editor = RequestFactory().get("/admin/", HTTP_COOKIE=f"sessionid={client.cookies['sessionid'].value}")
    response = quiz.make_preview_request(original_request=editor, preview_mode="")
    assert response.status_code == 200
    assert quiz.title in response.content.decode()

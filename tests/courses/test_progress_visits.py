"""Opening a lesson: the visit is written only when it changes something (courses.progress.open_step),
and "resume where I left" stays right."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import StepProgress
from courses.progress import VISIT_INTERVAL, courses_progress, visit_changes_something
from lms.landing import course_to_resume
from tests.conftest import translated
from tests.factories.courses import enrol, lessons_of, make_course

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.mark.parametrize(
    ("opened_ago", "last_opening_ago", "written"),
    [
        (None, None, True),  # never opened
        (timedelta(minutes=1), timedelta(minutes=1), False),  # a reload: it is the last step opened
        (timedelta(minutes=2), timedelta(minutes=1), True),  # another step opened since
        (VISIT_INTERVAL, VISIT_INTERVAL, True),  # written long enough ago
    ],
)
def test_a_visit_is_written_only_when_it_changes_something(opened_ago, last_opening_ago, written):
    opened_at = NOW - opened_ago if opened_ago else None
    last_opening = NOW - last_opening_ago if last_opening_ago else None
    assert visit_changes_something(opened_at=opened_at, last_opening=last_opening, now=NOW) is written


def lesson_url(lesson, lang="fr"):
    from django.utils import translation

    with translation.override(lang):
        return lesson.get_url()


def writes_during(callable_) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        callable_()
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))]


@pytest.fixture
def signed_in(client, trainee):
    client.force_login(trainee)
    return client


def test_first_opening_is_recorded_and_shown_in_progress_in_both_languages(signed_in, trainee):
    course = make_course(modules=1, lessons=3)
    enrol(trainee, course)
    lesson = lessons_of(course)[0]
    for language in ("fr", "ar"):
        page = BeautifulSoup(signed_in.get(lesson_url(lesson, language)).content, "html.parser")
        current = page.select_one('[aria-current="step"]')
        status = current.select_one('[role="img"]')  # the symbol, named in words for screen readers
        assert status["aria-label"] == translated("In progress", language)
    row = StepProgress.objects.get(user=trainee, page=lesson)
    assert row.first_opened_at is not None


def test_reloading_a_lesson_writes_nothing(signed_in, trainee):
    course = make_course(modules=1, lessons=3)
    enrol(trainee, course)
    url = lesson_url(lessons_of(course)[1])
    assert writes_during(lambda: signed_in.get(url))  # the first opening is written
    opened = StepProgress.objects.get(user=trainee).last_opened_at
    for _ in range(3):
        assert writes_during(lambda: signed_in.get(url)) == []
    assert StepProgress.objects.get(user=trainee).last_opened_at == opened


def test_a_lesson_opened_again_after_the_interval_is_written(signed_in, trainee):
    course = make_course(modules=1, lessons=2)
    enrol(trainee, course)
    lesson = lessons_of(course)[0]
    signed_in.get(lesson_url(lesson))
    long_ago = timezone.now() - VISIT_INTERVAL - timedelta(seconds=1)
    StepProgress.objects.filter(user=trainee, page=lesson).update(last_opened_at=long_ago)
    signed_in.get(lesson_url(lesson))
    assert StepProgress.objects.get(user=trainee, page=lesson).last_opened_at > long_ago


def test_resume_follows_the_lesson_opened_last_even_when_reopened_within_the_interval(signed_in, trainee):
    course = make_course(modules=1, lessons=4)
    enrol(trainee, course)
    first, second, third, _fourth = lessons_of(course)
    for lesson in (third, first, third):  # back to the third lesson a moment later
        signed_in.get(lesson_url(lesson))
    page = BeautifulSoup(signed_in.get(course.get_url()).content, "html.parser")
    resume = next(a for a in page.find_all("a") if translated("Resume") in a.get_text())
    assert resume["href"] == lesson_url(third)


def test_the_course_to_resume_is_the_one_opened_last_across_courses(signed_in, trainee):
    one, other = make_course(modules=1, lessons=2), make_course(modules=1, lessons=2)
    enrol(trainee, one)
    enrol(trainee, other)
    for lesson in (lessons_of(one)[0], lessons_of(other)[0], lessons_of(one)[0]):
        signed_in.get(lesson_url(lesson))
    progress = courses_progress(user=trainee, courses=[one, other])
    assert course_to_resume(progress).course.pk == one.pk

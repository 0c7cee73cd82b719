import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from courses.models import CourseCompletion, StepProgress
from courses.progress import (
    COMPLETED,
    IN_PROGRESS,
    NOT_STARTED,
    StepState,
    course_progress,
    mark_step_complete,
    record_visit,
    resume_target,
)
from tests.factories.courses import add_lesson, lessons_of, make_course

pytestmark = pytest.mark.django_db


def test_a_new_trainee_has_nothing_done(trainee):
    course = make_course(modules=2, lessons=2)
    progress = course_progress(user=trainee, course=course)
    assert (progress.completed, progress.total, progress.percent) == (0, 4, 0)
    assert all(step.status == NOT_STARTED for step in progress.steps)
    assert progress.resume_step.page.pk == lessons_of(course)[0].pk


def test_completion_counts_towards_module_and_course(trainee):
    course = make_course(modules=2, lessons=2)
    first = lessons_of(course)[0]
    mark_step_complete(user=trainee, page=first)
    progress = course_progress(user=trainee, course=course)
    assert (progress.completed, progress.percent) == (1, 25)
    assert [m.percent for m in progress.modules] == [50, 0]


def test_completing_twice_keeps_the_first_date(trainee):
    lesson = lessons_of(make_course())[0]
    first = mark_step_complete(user=trainee, page=lesson)
    second = mark_step_complete(user=trainee, page=lesson)
    assert second.completed_at == first.completed_at
    assert StepProgress.objects.filter(user=trainee, page=lesson).count() == 1


def test_a_lesson_added_after_completion_is_new_and_takes_nothing_back(trainee):
    course = make_course(modules=1, lessons=2)
    for lesson in lessons_of(course):
        mark_step_complete(user=trainee, page=lesson)
    completed_at = course_progress(user=trainee, course=course).completed_at
    new = add_lesson(course.get_children().first().specific)
    progress = course_progress(user=trainee, course=course)
    assert (progress.completed, progress.total, progress.percent) == (2, 3, 100)
    assert progress.is_complete and progress.completed_at == completed_at
    assert [step.page.pk for step in progress.new_steps] == [new.pk]
    assert progress.resume_step.page.pk == new.pk


def test_completing_the_last_step_records_the_course_completion_once(trainee):
    course = make_course(modules=2, lessons=1)
    first, last = lessons_of(course)
    mark_step_complete(user=trainee, page=first)
    assert not CourseCompletion.objects.exists()
    step = mark_step_complete(user=trainee, page=last)
    completion = CourseCompletion.objects.get(user=trainee, course=course)
    assert completion.completed_at == step.completed_at
    mark_step_complete(user=trainee, page=last)
    course_progress(user=trainee, course=course)
    assert CourseCompletion.objects.get() == completion
    assert CourseCompletion.objects.get().completed_at == step.completed_at


def test_a_step_published_a_second_ago_is_counted_before_recording(trainee):
    course = make_course(modules=1, lessons=2)
    first, second = lessons_of(course)
    mark_step_complete(user=trainee, page=first)
    course_progress(user=trainee, course=course)  # the outline is now in the cache
    add_lesson(course.get_children().first().specific)
    mark_step_complete(user=trainee, page=second)
    assert not CourseCompletion.objects.exists()


def test_unpublishing_or_deleting_steps_never_takes_a_completion_back(trainee):
    course = make_course(modules=1, lessons=3)
    first, second, third = lessons_of(course)
    for lesson in (first, second, third):
        mark_step_complete(user=trainee, page=lesson)
    completed_at = CourseCompletion.objects.get().completed_at
    second.unpublish()
    third.delete()
    add_lesson(course.get_children().first().specific)
    progress = course_progress(user=trainee, course=course)
    assert progress.is_complete and progress.completed_at == completed_at and progress.percent == 100


def test_a_completion_from_before_records_is_recorded_from_its_progress_rows(trainee):
    """Rows written directly (the demo, trainees who completed before completions were records)."""
    course = make_course(modules=1, lessons=2)
    last_day = timezone.now() - timedelta(days=3)
    for days, lesson in zip((5, 3), lessons_of(course), strict=True):
        when = timezone.now() - timedelta(days=days)
        StepProgress.objects.create(
            user=trainee, page=lesson, first_opened_at=when, last_opened_at=when, completed_at=when
        )
    migration = importlib.import_module("courses.migrations.0002_course_completion")
    migration.record_past_completions(django_apps, None)
    recorded = CourseCompletion.objects.get(user=trainee, course=course).completed_at
    assert abs(recorded - last_day) < timedelta(seconds=5)
    CourseCompletion.objects.all().delete()
    assert course_progress(user=trainee, course=course).is_complete  # read lazily instead
    assert CourseCompletion.objects.get().completed_at == recorded


def test_an_unpublished_step_leaves_the_count(trainee):
    course = make_course(modules=1, lessons=3)
    first, second, third = lessons_of(course)
    mark_step_complete(user=trainee, page=first)
    third.unpublish()
    progress = course_progress(user=trainee, course=course)
    assert (progress.completed, progress.total) == (1, 2)


def test_an_unpublished_module_takes_its_steps_out(trainee):
    course = make_course(modules=2, lessons=1)
    course.get_children().last().specific.unpublish(set_expired=False)
    assert course_progress(user=trainee, course=course).total == 1


def test_course_completion_date_is_the_last_completion(trainee):
    course = make_course(modules=1, lessons=2)
    for lesson in lessons_of(course):
        mark_step_complete(user=trainee, page=lesson)
    progress = course_progress(user=trainee, course=course)
    assert progress.is_complete
    assert progress.completed_at == StepProgress.objects.latest("completed_at").completed_at


def test_visits_mark_a_step_in_progress(trainee):
    lesson = lessons_of(make_course())[0]
    record_visit(user=trainee, page=lesson)
    first = StepProgress.objects.get()
    record_visit(user=trainee, page=lesson)
    again = StepProgress.objects.get()
    assert again.first_opened_at == first.first_opened_at
    assert again.last_opened_at > first.last_opened_at
    states = course_progress(user=trainee, course=lesson.get_parent().get_parent()).steps
    assert [s.status for s in states] == [IN_PROGRESS, NOT_STARTED]


def state(status: str, opened_minutes_ago: int | None = None) -> StepState:
    opened = None
    if opened_minutes_ago is not None:
        opened = timezone.now() - timedelta(minutes=opened_minutes_ago)
    return StepState(page=object(), status=status, last_opened_at=opened)


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ([state(NOT_STARTED), state(NOT_STARTED)], 0),
        ([state(COMPLETED, 10), state(NOT_STARTED), state(NOT_STARTED)], 1),
        # the last opened step is unfinished: go back to it
        ([state(COMPLETED, 30), state(IN_PROGRESS, 5), state(NOT_STARTED)], 1),
        # first unfinished *after* the last one opened, not the first gap
        ([state(NOT_STARTED), state(COMPLETED, 20), state(COMPLETED, 5), state(NOT_STARTED)], 3),
        # nothing unfinished after the last one opened: wrap to the first gap
        ([state(NOT_STARTED), state(COMPLETED, 20), state(COMPLETED, 5)], 0),
        ([state(COMPLETED, 2), state(COMPLETED, 1)], None),
    ],
)
def test_resume_target(steps, expected):
    target = resume_target(steps)
    assert (steps.index(target) if target else None) == expected

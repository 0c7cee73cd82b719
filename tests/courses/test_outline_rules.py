"""Where a new lesson lands in its module: before the module's final test, not after it."""

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from courses.models import LessonPage
from courses.outline import place_new_lesson
from tests.factories.assessments import make_quiz
from tests.factories.courses import add_lesson, add_module, make_course
from tests.paths import path_to

pytestmark = pytest.mark.django_db


def outline(module) -> list[str]:
    return [page.specific_class.__name__ for page in Page.objects.child_of(module).order_by("path")]


@pytest.fixture
def module_ending_with_a_test(site_tree):
    module = add_module(make_course(modules=0), lessons=2)
    make_quiz(module)
    return module


def test_a_new_lesson_lands_before_the_final_test(module_ending_with_a_test):
    lesson = add_lesson(module_ending_with_a_test)
    place_new_lesson(lesson=lesson)
    assert outline(module_ending_with_a_test) == ["LessonPage", "LessonPage", "LessonPage", "QuizPage"]
    titles = [page.title for page in Page.objects.child_of(module_ending_with_a_test).order_by("path")]
    assert titles[2] == lesson.title


def test_a_new_lesson_goes_before_every_trailing_quiz_and_after_the_lessons(site_tree):
    module = add_module(make_course(modules=0))
    make_quiz(module)  # a pre-test opening the module stays first
    add_lesson(module)
    make_quiz(module)
    make_quiz(module)
    lesson = add_lesson(module)
    place_new_lesson(lesson=lesson)
    assert outline(module) == ["QuizPage", "LessonPage", "LessonPage", "QuizPage", "QuizPage"]


def test_a_new_lesson_after_lessons_stays_last(site_tree):
    module = add_module(make_course(modules=0), lessons=2)
    lesson = add_lesson(module)
    place_new_lesson(lesson=lesson)
    assert Page.objects.child_of(module).order_by("path").last().pk == lesson.pk


def test_the_trainer_adds_a_lesson_in_the_admin_and_it_lands_before_the_final_test(
    client, trainer, module_ending_with_a_test
):
    client.force_login(trainer)
    data = nested_form_data(
        {
            "title_fr": "Leçon ajoutée",
            "title_ar": "درس مضاف",
            "slug_fr": "lecon-ajoutee",
            "slug_ar": "dars-mudaf",
            "summary_fr": "Résumé",
            "summary_ar": "ملخص",
            "body_fr": streamfield([]),
            "body_ar": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = client.post(
        path_to("wagtailadmin_pages:add", "courses", "lessonpage", module_ending_with_a_test.pk),
        data,
        follow=False,
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    new = LessonPage.objects.get(title_fr="Leçon ajoutée")
    assert new.live
    assert outline(module_ending_with_a_test) == ["LessonPage", "LessonPage", "LessonPage", "QuizPage"]
    assert Page.objects.child_of(module_ending_with_a_test).order_by("path")[2].pk == new.pk

"""Builders for course trees: `make_course(modules=2, lessons=3)` and friends."""

from itertools import count

from django.utils import translation

from courses.models import Cohort, CourseIndexPage, CoursePage, LessonPage, ModulePage
from courses.progress import mark_step_complete
from courses.site_tree import ensure_course_index
from home.site_tree import ensure_home_page

_sequence = count(1)


def _texts(prefix_fr: str, prefix_ar: str) -> dict:
    n = next(_sequence)
    return {
        "title": f"{prefix_fr} {n}",
        "title_fr": f"{prefix_fr} {n}",
        "title_ar": f"{prefix_ar} {n}",
        "slug": f"fr-{n}",
        "slug_fr": f"fr-{n}",
        "slug_ar": f"ar-{n}",
    }


def catalogue() -> CourseIndexPage:
    return ensure_course_index(ensure_home_page())


def add_lesson(module: ModulePage, *, live: bool = True, **fields) -> LessonPage:
    body = fields.pop("body", [("paragraph", "<p>Un texte de leçon.</p>")])
    with translation.override("fr"):
        lesson = LessonPage(
            **{**_texts("Leçon", "درس"), "summary_fr": "Résumé", "summary_ar": "ملخص", **fields}
        )
        lesson.body_fr = body
        lesson.body_ar = [("paragraph", "<p>نص الدرس.</p>")]
        lesson.live = live
        module.add_child(instance=lesson)
    return lesson


def add_module(course: CoursePage, *, lessons: int = 0, **fields) -> ModulePage:
    with translation.override("fr"):
        module = ModulePage(**{**_texts("Module", "وحدة"), **fields})
        course.add_child(instance=module)
    for _ in range(lessons):
        add_lesson(module)
    return module


def make_course(*, modules: int = 1, lessons: int = 2, **fields) -> CoursePage:
    with translation.override("fr"):
        course = CoursePage(
            **{**_texts("Formation", "دورة"), "summary_fr": "Résumé", "summary_ar": "ملخص", **fields}
        )
        catalogue().add_child(instance=course)
    for _ in range(modules):
        add_module(course, lessons=lessons)
    return course


def enrol(user, course: CoursePage, *, cohort: Cohort | None = None) -> Cohort:
    cohort = cohort or Cohort.objects.create(name=f"Cohorte {next(_sequence)}")
    cohort.courses.add(course)
    cohort.trainees.add(user)
    return cohort


def lessons_of(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


def make_completed_course(trainee, *, lessons: int) -> CoursePage:
    """A one-module course the trainee is enrolled in and has completed every lesson of."""
    course = make_course(modules=1, lessons=lessons)
    enrol(trainee, course)
    for lesson in lessons_of(course):
        mark_step_complete(user=trainee, page=lesson)
    return course

"""What the course pages show a visitor: catalogue entries, course outline, step navigation."""

from dataclasses import dataclass

from .access import can_open_course_content
from .models import CoursePage
from .progress import (
    CourseProgress,
    build_course_progress,
    course_progress,
    course_structure,
    courses_progress,
    neighbours,
    open_step,
)


@dataclass(frozen=True)
class CatalogueEntry:
    course: CoursePage
    progress: CourseProgress | None
    enrolled: bool


def catalogue_entries(*, index_page, user) -> list[CatalogueEntry]:
    courses = list(
        CoursePage.objects.live().child_of(index_page).select_related("cover_image").order_by("path")
    )
    if not user.is_authenticated:
        return [CatalogueEntry(course, None, False) for course in courses]
    enrolled_ids = set(
        CoursePage.objects.filter(pk__in=[c.pk for c in courses], cohorts__trainees=user).values_list(
            "pk", flat=True
        )
    )
    progress = {p.course.pk: p for p in courses_progress(user=user, courses=courses)}
    return [CatalogueEntry(course, progress[course.pk], course.pk in enrolled_ids) for course in courses]


def course_overview(*, course: CoursePage, user) -> dict:
    can_open = can_open_course_content(user=user, course=course)
    if user.is_authenticated:
        progress = course_progress(user=user, course=course)
    else:
        progress = build_course_progress(course, course_structure(course), 0, {})
    return {
        "progress": progress,
        "can_open": can_open,
        "competences": list(course.competences.all()),
    }


def step_navigation(*, step, course: CoursePage, user, request=None, visit: bool = False) -> dict:
    """The outline, the step's state and its neighbours, from one read of the trainee's progress;
    with `visit`, `step` is being opened (`open_step`: written when that changes something)."""
    if visit:
        progress = open_step(user=user, course=course, page=step, request=request)
    else:
        progress = course_progress(user=user, course=course, request=request)
    steps = progress.steps
    previous, following = neighbours(steps, step)
    current = next((s for s in steps if s.page.pk == step.pk), None)
    module = next((m for m in progress.modules if any(s.page.pk == step.pk for s in m.steps)), None)
    return {
        "course": course,
        "progress": progress,
        "module_progress": module,
        "step_state": current,
        "previous_step": previous,
        "next_step": following,
    }

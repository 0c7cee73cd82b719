"""What the course pages show a visitor: catalogue entries, course outline, step navigation."""

from dataclasses import dataclass
from datetime import datetime

from .access import StepContext, can_open_course_content
from .models import CoursePage
from .progress import (
    CourseProgress,
    StepState,
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


@dataclass(frozen=True)
class CourseCard:
    """A course on the trainee's dashboard, every figure worked out once (not per use in the template)."""

    course: CoursePage
    percent: int
    completed: int
    total: int
    completed_at: datetime | None  # when the course was completed, if it is
    new_steps: list[StepState]
    resume_step: StepState | None
    is_started: bool

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


def course_cards(progress: list[CourseProgress]) -> list[CourseCard]:
    return [
        CourseCard(
            course=entry.course,
            percent=entry.percent,
            completed=entry.completed,
            total=entry.total,
            completed_at=entry.completed_at if entry.is_complete else None,
            new_steps=entry.new_steps,
            resume_step=entry.resume_step,
            is_started=entry.is_started,
        )
        for entry in progress
    ]


def recent_steps(progress: list[CourseProgress], *, limit: int = 5) -> list[StepState]:
    """The steps of these courses the trainee opened last, from the progress already read."""
    opened = [step for entry in progress for step in entry.steps if step.last_opened_at is not None]
    return sorted(opened, key=lambda step: step.last_opened_at, reverse=True)[:limit]


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


def course_overview(*, course: CoursePage, user, request=None) -> dict:
    """The course page's progress (each step with its address, from the cache, given `request`),
    whether the visitor may open the steps, and the competences."""
    can_open = can_open_course_content(user=user, course=course)
    if user.is_authenticated:
        progress = course_progress(user=user, course=course, request=request)
    else:
        progress = build_course_progress(course, course_structure(course), 0, {})
    return {
        "progress": progress,
        "can_open": can_open,
        "competences": list(course.competences.all()),
    }


def step_navigation(*, context: StepContext, request=None, visit: bool = False) -> dict:
    """The outline, the step's state and its neighbours, from one read of the trainee's progress;
    with `visit`, the step is being opened (`open_step`: written when that changes something)."""
    step, course, user = context.step, context.course, context.user
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

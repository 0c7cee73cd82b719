"""Who may open the content of a course."""

from home.roles import Role, has_role


def can_open_course_content(*, user, course) -> bool:
    """Enrolled trainees (through a cohort), trainers, the task force and superusers."""
    if not user.is_authenticated:
        return False
    if has_role(user, Role.TRAINER, Role.TASK_FORCE):
        return True
    return course.cohorts.filter(trainees=user).exists()


def enrolled_courses(user) -> list:
    """The live courses `user` is enrolled in, in tree order; read once per user object (request)."""
    from .models import CoursePage

    if not user.is_authenticated:
        return []
    cached = getattr(user, "_enrolled_courses", None)
    if cached is None:
        cached = list(CoursePage.objects.live().filter(cohorts__trainees=user).distinct().order_by("path"))
        user._enrolled_courses = cached
    return cached

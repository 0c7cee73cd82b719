"""Who may open the content of a course."""

from home.roles import Role, has_role


def can_open_course_content(*, user, course) -> bool:
    """Enrolled trainees (through a cohort), trainers, the task force and superusers."""
    if not user.is_authenticated:
        return False
    if has_role(user, Role.TRAINER, Role.TASK_FORCE):
        return True
    return course.cohorts.filter(trainees=user).exists()


def enrolled_courses_filter(user) -> dict:
    """Lookup arguments that select the course pages `user` is enrolled in."""
    return {"cohorts__trainees": user}

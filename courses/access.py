"""Who may open the content of a course."""

from django.db.models import Exists, OuterRef

from home.roles import Role, has_role


def can_open_course_content(*, user, course) -> bool:
    """Enrolled trainees (through a cohort), trainers, the task force and superusers."""
    if not user.is_authenticated:
        return False
    if has_role(user, Role.TRAINER, Role.TASK_FORCE):
        return True
    if getattr(course, "enrolment_read_for", None) == user.pk:
        return course.viewer_is_enrolled
    return course.cohorts.filter(trainees=user).exists()


def course_of_step(step, *, user):
    """The course `step` belongs to, read in the same query as whether `user` is enrolled in it."""
    from .models import Cohort, CoursePage

    courses = CoursePage.objects.ancestor_of(step)
    if not user.is_authenticated:
        return courses.first()
    enrolled = Cohort.objects.filter(courses=OuterRef("pk"), trainees=user)
    course = courses.annotate(viewer_is_enrolled=Exists(enrolled)).first()
    if course is not None:
        course.enrolment_read_for = user.pk
    return course


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

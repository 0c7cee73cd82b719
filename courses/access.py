"""Who may open the content of a course."""

from django.db.models import Exists, OuterRef

from home.roles import Role, has_role
from home.routing import ancestor_paths, on_live_branches


def can_open_course_content(*, user, course) -> bool:
    """Enrolled trainees (through a cohort), trainers, the task force and superusers."""
    from .models import Cohort

    if not user.is_authenticated:
        return False
    if has_role(user, Role.TRAINER, Role.TASK_FORCE):
        return True
    if getattr(course, "enrolment_read_for", None) == user.pk:
        return course.viewer_is_enrolled
    return Cohort.objects.filter(courses=course.pk, trainees=user).exists()


def _routed_course(step, request):
    """The course among the pages the request's address went through (home.routing), if any."""
    from django.contrib.contenttypes.models import ContentType

    from .models import CoursePage

    course_type = ContentType.objects.get_for_model(CoursePage).pk
    routed = getattr(request, "routed_pages", None) or []
    return next(
        (page for page in routed if page.content_type_id == course_type and step.path.startswith(page.path)),
        None,
    )


def course_of_step(step, *, user, request=None):
    """The course `step` belongs to, with whether `user` is enrolled in it, in one query.

    When the request was routed through the course (the usual case), the course is the page read
    by the routing and the query is only the enrolment; otherwise it reads the course page.
    """
    from .models import Cohort, CoursePage

    course = _routed_course(step, request) if request is not None else None
    if course is None:
        if not on_live_branches([step]):
            return None  # the routing refuses it too: an ancestor is not published
        courses = CoursePage.objects.ancestor_of(step)
        if not user.is_authenticated:
            return courses.first()
        enrolled = Cohort.objects.filter(courses=OuterRef("pk"), trainees=user)
        course = courses.annotate(viewer_is_enrolled=Exists(enrolled)).first()
    elif user.is_authenticated and not has_role(user, Role.TRAINER, Role.TASK_FORCE):
        course.viewer_is_enrolled = Cohort.objects.filter(courses=course.pk, trainees=user).exists()
    else:
        return course
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


def shown_pages(*, pages: list, request) -> list:
    """The pages of `pages` a visitor may be shown (search results): those the routing would serve
    (every ancestor live) and whose Wagtail view restrictions, on the page or on an ancestor, the
    request passes (password given in this session, logged in, in one of the groups). Two queries
    and one per group restriction, whatever the number of pages; the order is kept."""
    from wagtail.models import PageViewRestriction

    pages = on_live_branches(pages)
    paths = {path for page in pages for path in [*ancestor_paths(page), page.path]}
    restrictions = list(
        PageViewRestriction.objects.filter(page__path__in=paths).select_related("page").order_by("pk")
    )
    if not restrictions:
        return pages
    passed = {restriction.pk for restriction in restrictions if restriction.accept_request(request)}
    return [
        page
        for page in pages
        if all(r.pk in passed for r in restrictions if page.path.startswith(r.page.path))
    ]

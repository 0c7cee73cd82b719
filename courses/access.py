"""Who may open the content of a course, and what a course step's views know of their request."""

from dataclasses import dataclass
from typing import Any

from wagtail.models import Page

from home.roles import Role, has_role
from home.routing import ancestor_paths, on_live_branches


@dataclass(frozen=True, kw_only=True)
class StepContext:
    """What a course step's views know of the request they serve, read once by the step's `serve`
    (`read_step_context`) and passed to each route explicitly: the step, its course, the visitor and
    whether they are enrolled in it (read from the database in this request, never from a cache)."""

    step: Page
    course: Page
    user: Any
    enrolled: bool

    @property
    def may_open(self) -> bool:
        return can_open_course_content(user=self.user, course=self.course, enrolled=self.enrolled)


def can_open_course_content(*, user, course, enrolled: bool | None = None) -> bool:
    """Enrolled trainees (through a cohort), trainers, the task force and superusers.

    `enrolled`, when the caller has already read it (`StepContext`), saves the enrolment query."""
    from .models import Cohort

    if not user.is_authenticated:
        return False
    if has_role(user, Role.TRAINER, Role.TASK_FORCE):
        return True
    if enrolled is not None:
        return enrolled
    return Cohort.objects.filter(courses=course.pk, trainees=user).exists()


def course_of_step(step) -> Page | None:
    """The course above `step`, read once per page tree version (a saved page makes a new key) and
    kept decoded in this process: a course is content, the same for every visitor."""
    from home.site_cache import cached_from_page_tree

    from .models import CoursePage

    return cached_from_page_tree(
        f"courses:course-of-step:{step.pk}", lambda: CoursePage.objects.ancestor_of(step).first()
    )


def read_step_context(*, step, user) -> StepContext | None:
    """The step's course (from the cache, `course_of_step`) with whether `user` is enrolled in it
    (one query, never from a cache); None when the step is not in a course. Whether the pages above
    the step are live is the routing's concern (home.routing) or the caller's (`may_open_page`)."""
    from .models import Cohort

    course = course_of_step(step)
    if course is None:
        return None
    enrolled = user.is_authenticated and Cohort.objects.filter(courses=course.pk, trainees=user).exists()
    return StepContext(step=step, course=course, user=user, enrolled=enrolled)


def enrolled_courses(user, *, from_cache: bool = True) -> list:
    """The live courses `user` is enrolled in, in tree order: which ones from the database (one
    query), the course pages from the page-tree cache (`pages_from_page_tree`), or, with
    `from_cache=False`, from the same query (what a record such as a certificate states)."""
    from home.site_cache import pages_from_page_tree

    from .models import CoursePage

    if not user.is_authenticated:
        return []
    enrolled = CoursePage.objects.live().filter(cohorts__trainees=user).distinct().order_by("path")
    if not from_cache:
        return list(enrolled)
    pages = pages_from_page_tree(CoursePage, list(enrolled.values_list("pk", flat=True)))
    return [pages[pk] for pk in pages]


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


def may_open_page(*, page, request) -> bool:
    """Whether `request`'s visitor may open `page`: it is live, every page above it is live, its
    view restrictions are passed, and a course step also needs `can_open_course_content`."""
    from .steps import CourseStepMixin

    if not page.live or not shown_pages(pages=[page], request=request):
        return False
    if isinstance(page, CourseStepMixin):
        context = read_step_context(step=page, user=request.user)
        return context is not None and context.may_open
    return True


def pages_using(document) -> list:
    """The pages whose published content uses `document` (Wagtail's reference index: document
    blocks, video blocks and rich-text links alike), as their specific classes."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return list(Page.objects.filter(pk__in=[int(pk) for pk in ids]).specific())


def may_read_document(*, document, request) -> bool:
    """A document is readable by whoever may open one of the pages using it; one used on no page,
    or on a page open to everyone, stays public. People who manage documents in the admin
    (trainers) always read them. Collection privacy is Wagtail's own check, applied before."""
    from wagtail.documents.permissions import permission_policy

    if request.user.is_authenticated and permission_policy.user_has_any_permission(
        request.user, ["add", "change", "choose"]
    ):
        return True
    pages = pages_using(document)
    return not pages or any(may_open_page(page=page, request=request) for page in pages)

"""Where each person lands after signing in, on the home page and on "My learning path": their work.

The one home of that rule, by role (`home.roles`): the trainer works in the Wagtail admin (its
dashboard holds the "who needs a nudge" board); the OTE approver lands on what awaits their approval
(`lms.training.approval_views`); the task force reads the review area; everyone else follows their courses on
"My learning path".
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from courses.access import enrolled_courses
from courses.progress import CourseProgress, courses_progress
from home.landing import LandingAction
from home.roles import Role, has_role


def landing_url(*, user) -> str:
    if has_role(user, Role.TRAINER):
        return reverse("wagtailadmin_home")
    if has_role(user, Role.OTE_APPROVER):
        return reverse("lms:approvals")
    if has_role(user, Role.TASK_FORCE):
        return reverse("lms:review:index")
    return reverse("lms:dashboard")


def lands_on_dashboard(*, user) -> bool:
    return landing_url(user=user) == reverse("lms:dashboard")


def course_to_resume(progress: list[CourseProgress]) -> CourseProgress | None:
    """The started, unfinished course the trainee opened last."""
    started = [p for p in progress if p.is_started and not p.is_complete and p.resume_step is not None]

    def last_opened(course: CourseProgress):
        return max((step.last_opened_at for step in course.steps if step.last_opened_at), default=None)

    dated = [p for p in started if last_opened(p) is not None]
    if dated:
        return max(dated, key=last_opened)
    return started[0] if started else None


def landing_actions(*, user, request) -> list[LandingAction]:
    """The home page's buttons for a signed-in person: resume the course first for a trainee."""
    if has_role(user, Role.TRAINER):
        return [LandingAction(_("Administration"), landing_url(user=user))]
    if has_role(user, Role.OTE_APPROVER):
        return [LandingAction(_("Awaiting my approval"), landing_url(user=user))]
    if has_role(user, Role.TASK_FORCE):
        return [LandingAction(_("Review area"), landing_url(user=user))]
    actions = []
    resume = course_to_resume(courses_progress(user=user, courses=enrolled_courses(user), request=request))
    if resume is not None:
        actions.append(LandingAction(_("Resume"), resume.resume_step.url))
    actions.append(LandingAction(_("My learning path"), landing_url(user=user)))
    return actions

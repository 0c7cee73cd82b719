from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .dashboard import step_navigation
from .progress import mark_step_complete


def complete_step(request, *, step):
    """POST only: mark a lesson complete, then go on to the next step (or back to the course)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    mark_step_complete(user=request.user, page=step)
    navigation = step_navigation(step=step, course=request.course, user=request.user, request=request)
    progress = navigation["progress"]
    if progress.is_complete and not progress.new_steps:
        messages.success(request, _("Congratulations: you have completed the whole course!"))
        return redirect(request.course.get_url(request))
    messages.success(request, _("Lesson marked as complete."))
    following = navigation["next_step"]
    target = following.page if following else request.course
    return redirect(target.get_url(request))

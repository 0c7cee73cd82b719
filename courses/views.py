from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .access import StepContext
from .dashboard import step_navigation
from .progress import mark_step_complete


def complete_step(request, *, context: StepContext):
    """POST only: mark a lesson complete, then go on to the next step (or back to the course)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    mark_step_complete(user=context.user, page=context.step)
    navigation = step_navigation(context=context, request=request)
    progress = navigation["progress"]
    if progress.is_complete and not progress.new_steps:
        messages.success(request, _("Congratulations: you have completed the whole course!"))
        return redirect(context.course.get_url(request))
    messages.success(request, _("Lesson marked as complete."))
    following = navigation["next_step"]
    target = following.page if following else context.course
    return redirect(target.get_url(request))

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from home.roles import Role, has_role

REVIEWERS = (Role.TASK_FORCE, Role.TRAINER)


def reviewers_only(view):
    """The review area is read-only and for the task force and trainers (superusers too)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not has_role(request.user, *REVIEWERS):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped

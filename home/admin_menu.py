"""Admin menu items shown by role (each app registers its own in its `wagtail_hooks.py`)."""

from wagtail.admin.menu import MenuItem

from .roles import Role, has_role


class TrainerMenuItem(MenuItem):
    """A menu item shown to trainers only."""

    def is_shown(self, request):
        return has_role(request.user, Role.TRAINER)

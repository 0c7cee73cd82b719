from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Training cycle")

    def ready(self) -> None:
        from home.landing import register_landing_provider

        from .landing import landing_actions

        register_landing_provider(landing_actions)

        from . import navigation  # noqa: F401  (registers the header, menu and footer links)

        from courses.todo import register_todo_provider

        from .followup.todo import check_ins_to_give

        register_todo_provider(check_ins_to_give)

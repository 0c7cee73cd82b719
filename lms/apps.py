from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Training cycle")

    def ready(self) -> None:
        from home.landing import register_landing_provider
        from home.roles import Role, grant

        # Trainers log the outcomes (level 4 of the evaluation report) in the admin.
        grant(Role.TRAINER, *(f"lms.{action}_outcome" for action in ("add", "change", "delete", "view")))

        from .landing import landing_actions

        register_landing_provider(landing_actions)

        from courses.todo import register_todo_provider
        from home.roles import Role, grant

        from . import navigation  # noqa: F401  (registers the header, menu and footer links)
        from .followup import reminders  # noqa: F401  (the check-ins' reminders and calendar dates)
        from .followup.todo import check_ins_to_give
        from .handover import hooks as handover_hooks  # noqa: F401  (the notes link on a lesson)
        from .notifications import assignments, builtin  # noqa: F401  (registers the notification triggers)
        from .practice import hooks  # noqa: F401  (the reflection forms below a lesson)

        register_todo_provider(check_ins_to_give)

        # The six-month application survey follows the plan as the OTE approved it.
        from wagtail.signals import page_published

        from .followup.survey import follow_the_published_plan
        from .models import TrainingPlanPage

        page_published.connect(follow_the_published_plan, sender=TrainingPlanPage)

        # The handover kit (lms/handover): trainers keep the facilitator notes and the checkout.
        for model in ("facilitatornote", "checkoutrecord"):
            grant(Role.TRAINER, *(f"lms.{action}_{model}" for action in ("add", "change", "delete", "view")))

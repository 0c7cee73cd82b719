from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self) -> None:
        from home.roles import Role, grant

        for model in ("domain", "competence", "cohort"):
            grant(Role.TRAINER, *(f"courses.{action}_{model}" for action in ("add", "change", "delete")))
        grant(Role.TRAINER, "courses.view_stepprogress")

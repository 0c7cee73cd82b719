from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self) -> None:
        from .roles import Role, grant

        grant(Role.TRAINER, "wagtailadmin.access_admin", "home.change_sitesettings")
        grant(Role.OTE_APPROVER, "wagtailadmin.access_admin")

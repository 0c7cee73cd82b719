from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self) -> None:
        from .models import HomePage
        from .roles import Role, grant
        from .routing import FastRoutingMixin

        # wagtail-modeltranslation replaces `route` on every translated page model when it loads
        # (before this app); the site root gets its one-query routing back.
        HomePage.route = FastRoutingMixin.route

        grant(Role.TRAINER, "wagtailadmin.access_admin", "home.change_sitesettings")
        grant(Role.OTE_APPROVER, "wagtailadmin.access_admin")

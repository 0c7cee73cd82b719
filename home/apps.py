from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .models import HomePage
        from .roles import Role, grant
        from .routing import FastRoutingMixin

        # wagtail-modeltranslation replaces `route` on every translated page model when it loads
        # (before this app); the site root gets its one-query routing back.
        HomePage.route = FastRoutingMixin.route

        from .site_cache import forget_changed

        post_save.connect(forget_changed, dispatch_uid="home.site_cache.save")
        post_delete.connect(forget_changed, dispatch_uid="home.site_cache.delete")

        from django.db.backends.signals import connection_created

        from .postgres import use_c_timestamptz_loader

        connection_created.connect(use_c_timestamptz_loader, dispatch_uid="home.postgres.timestamptz")

        from django.contrib.auth.signals import user_logged_in

        from .sessions import on_sign_in

        user_logged_in.connect(on_sign_in, dispatch_uid="home.sessions.sign_in")

        from . import exports, field_languages

        exports.install()
        field_languages.install()

        # The admin's password panel has no setting for its form: it gets the one that limits
        # guessing the current password (home/forms.py), like the public site's.
        from wagtail.admin.views.account import ChangePasswordPanel

        from .forms import AdminPasswordChangeForm

        ChangePasswordPanel.form_class = AdminPasswordChangeForm

        grant(Role.TRAINER, "wagtailadmin.access_admin", "home.change_sitesettings")
        grant(Role.OTE_APPROVER, "wagtailadmin.access_admin")

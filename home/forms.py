"""Password-change forms of the public site and of the Wagtail admin, with a limit on guessing the
current password (home/auth.py)."""

from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import PasswordChangeForm as WagtailPasswordChangeForm

from .auth import (
    forget_old_password_failures,
    old_password_locked,
    old_password_lockout_seconds,
    record_old_password_failure,
)

OLD_PASSWORD_LOCKED = _(
    "Too many wrong passwords. For your security, your password cannot be changed for "
    "%(minutes)s minutes. If you have forgotten it, sign out and use “Forgotten your password?”."
)


class OldPasswordGuessLimitMixin:
    """After too many wrong current passwords, refuse to check it at all for a while."""

    def locked_error(self) -> ValidationError:
        minutes = old_password_lockout_seconds() // 60
        return ValidationError(OLD_PASSWORD_LOCKED, code="old_password_locked", params={"minutes": minutes})

    def clean_old_password(self):
        if old_password_locked(user=self.user):
            raise self.locked_error()
        try:
            old_password = super().clean_old_password()
        except ValidationError:
            if record_old_password_failure(user=self.user):
                raise self.locked_error() from None
            raise
        forget_old_password_failures(user=self.user)
        return old_password


class SitePasswordChangeForm(OldPasswordGuessLimitMixin, PasswordChangeForm):
    pass


class AdminPasswordChangeForm(OldPasswordGuessLimitMixin, WagtailPasswordChangeForm):
    pass

"""Django's ModelBackend, reading what every signed-in request needs of its user in fewer queries.

- The user comes with their Wagtail profile (the admin's language and time zone) and the names of
  their groups (the roles of `home.roles`) in one query.
- The user's own permissions, their groups' permissions and their groups' names (the roles of
  `home.roles`) come in one query where permissions are needed (the admin), where Django reads
  permissions in two and the roles took a third.

Both are read per request, as Django does: nothing about a user is kept between requests.
"""

import functools

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models import Aggregate, CharField, OuterRef, Subquery, Value

NO_GROUP = ""
# Between group names in the one-query read of a user's roles (char 10); no group name contains it.
NAME_SEPARATOR = "\n"


class JoinedNames(Aggregate):
    """The names of a group of rows joined by NAME_SEPARATOR: SQLite's GROUP_CONCAT, PostgreSQL's
    STRING_AGG (Django 5.2 has no portable string aggregate)."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="GROUP_CONCAT(%(expressions)s, char(10))")

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="STRING_AGG(%(expressions)s, chr(10))")


def role_names_of_user():
    """A subquery: the user's (OuterRef "pk") group names, joined by NAME_SEPARATOR."""
    return Subquery(
        Group.objects.filter(user=OuterRef("pk"))
        .order_by()
        .values("user")
        .annotate(names=JoinedNames("name"))
        .values("names")[:1]
    )


def load_permissions_and_roles(user) -> None:
    """Fill the caches that ModelBackend (`_user_perm_cache`, `_group_perm_cache`) and
    `home.roles.has_role` (`_role_names`) read, from one query."""
    own = (
        Permission.objects.filter(user=user)
        .values_list(Value(NO_GROUP, output_field=CharField()), "content_type__app_label", "codename")
        .order_by()
    )
    through_groups = (
        Group.objects.filter(user=user)
        .values_list("name", "permissions__content_type__app_label", "permissions__codename")
        .order_by()
    )
    user_permissions, group_permissions, group_names = set(), set(), set()
    for group, app_label, codename in own.union(through_groups, all=True):
        if group == NO_GROUP:
            user_permissions.add(f"{app_label}.{codename}")
            continue
        group_names.add(group)
        if codename is not None:
            group_permissions.add(f"{app_label}.{codename}")
    user._user_perm_cache = user_permissions
    user._group_perm_cache = group_permissions
    user._role_names = group_names


@functools.cache
def users_with_profile_and_roles():
    """Users, each with their Wagtail profile and their roles' names. Built once per process (a
    query set is only a description until it is read; every `.get()` reads a copy of it): the
    subquery took longer to build on each request than the query took to run."""
    return (
        get_user_model()
        ._default_manager.select_related("wagtail_userprofile")
        .annotate(role_names=role_names_of_user())
    )


class RoleAwareBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = users_with_profile_and_roles().get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        user._role_names = set(filter(None, (user.role_names or "").split(NAME_SEPARATOR)))
        return user if self.user_can_authenticate(user) else None

    def _get_permissions(self, user_obj, obj, from_name):
        # ModelBackend's own reader of `_user_perm_cache` and `_group_perm_cache`, one query each;
        # here the first read fills both. Superusers keep Django's reading (every permission).
        reads_own_rows = user_obj.is_active and not user_obj.is_anonymous and obj is None
        if reads_own_rows and not user_obj.is_superuser:
            if not hasattr(user_obj, f"_{from_name}_perm_cache"):
                load_permissions_and_roles(user_obj)
            return getattr(user_obj, f"_{from_name}_perm_cache")
        return super()._get_permissions(user_obj, obj, from_name)


# Guessing the old password in the password-change forms ------------------------------------------
# Django's and Wagtail's forms check it with no limit: someone at a signed-in browser could try
# passwords until one fits. Failures are counted per user in the cache, for as long as a sign-in
# lockout lasts (django-axes' AXES_COOLOFF_TIME), and the limit is the sign-in's (AXES_FAILURE_LIMIT).


def _old_password_failures_key(user) -> str:
    return f"auth:old-password-failures:{user.pk}"


def old_password_lockout_seconds() -> int:
    return round(settings.AXES_COOLOFF_TIME * 3600)


def old_password_locked(*, user) -> bool:
    """Whether `user` has typed a wrong current password too often to try again for now."""
    return cache.get(_old_password_failures_key(user), 0) >= settings.AXES_FAILURE_LIMIT


def record_old_password_failure(*, user) -> bool:
    """Count one wrong current password; say whether that locks the password change."""
    key = _old_password_failures_key(user)
    cache.add(key, 0, timeout=old_password_lockout_seconds())
    try:
        failures = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, failures := 1, timeout=old_password_lockout_seconds())
    return failures >= settings.AXES_FAILURE_LIMIT


def forget_old_password_failures(*, user) -> None:
    cache.delete(_old_password_failures_key(user))

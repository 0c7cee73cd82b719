"""The backend reads a user's permissions and roles in one query, and they are Django's own."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from wagtail.users.models import UserProfile

from home.auth import RoleAwareBackend
from home.roles import Role, has_role


def fresh(user):
    """The user as the next request reads them: nothing cached on the object."""
    return get_user_model().objects.get(pk=user.pk)


# A permission no role holds, to be given to one user directly.
OWN_PERMISSION = Permission.objects.filter(content_type__app_label="wagtailcore", codename="add_locale")
OWN = "wagtailcore.add_locale"


@pytest.fixture
def mixed_user(make_user):
    """A trainer who also holds a permission of their own and belongs to a group with no permission."""
    user = make_user(Role.TRAINER)
    user.user_permissions.add(OWN_PERMISSION.get())
    user.groups.add(Group.objects.create(name="Readers without rights"))
    return user


def test_permissions_are_the_ones_django_reads(mixed_user):
    ours, django = RoleAwareBackend(), ModelBackend()
    user, reference = fresh(mixed_user), fresh(mixed_user)
    assert ours.get_user_permissions(user) == django.get_user_permissions(reference) == {OWN}
    assert ours.get_group_permissions(user) == django.get_group_permissions(reference)
    assert "wagtailadmin.access_admin" in ours.get_all_permissions(user)


def test_permissions_and_roles_cost_one_query(mixed_user, django_assert_num_queries):
    user = fresh(mixed_user)
    with django_assert_num_queries(1):
        assert user.has_perm("wagtailadmin.access_admin")
        assert user.has_perm(OWN)
        assert has_role(user, Role.TRAINER)
        assert not has_role(user, Role.TASK_FORCE)


def test_a_role_checked_alone_reads_only_the_groups(mixed_user, django_assert_num_queries):
    user = fresh(mixed_user)
    with django_assert_num_queries(1) as queries:
        assert has_role(user, Role.TRAINER)
    assert "auth_permission" not in queries.captured_queries[0]["sql"]


def test_a_user_without_groups_or_permissions_has_none(trainee, make_user):
    nobody = fresh(make_user())
    assert nobody.get_all_permissions() == set()
    assert not has_role(nobody, *Role)


def test_inactive_users_hold_nothing(mixed_user):
    mixed_user.is_active = False
    mixed_user.save()
    user = fresh(mixed_user)
    assert not user.has_perm("wagtailadmin.access_admin")
    assert RoleAwareBackend().get_user(user.pk) is None


def test_superusers_keep_every_permission(make_user):
    admin = fresh(make_user(is_superuser=True))
    every = Permission.objects.values_list("content_type__app_label", "codename")
    assert RoleAwareBackend().get_all_permissions(admin) == {f"{app}.{codename}" for app, codename in every}


def test_the_signed_in_user_comes_with_their_admin_profile(trainer, django_assert_num_queries):
    UserProfile.objects.create(user=trainer, preferred_language="ar")
    with django_assert_num_queries(1):
        user = RoleAwareBackend().get_user(trainer.pk)
        assert user.wagtail_userprofile.preferred_language == "ar"


def test_the_signed_in_user_comes_with_their_roles_in_one_query(mixed_user, django_assert_num_queries):
    with django_assert_num_queries(1):
        user = RoleAwareBackend().get_user(mixed_user.pk)
        assert has_role(user, Role.TRAINER)
        assert not has_role(user, Role.TASK_FORCE)
    assert user._role_names == {Role.TRAINER.value, "Readers without rights"}


def test_a_signed_in_user_without_groups_holds_no_role(make_user, django_assert_num_queries):
    nobody = make_user()
    with django_assert_num_queries(1):
        user = RoleAwareBackend().get_user(nobody.pk)
        assert not has_role(user, *Role)

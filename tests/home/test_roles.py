from django.contrib.auth.models import Group

from home.roles import Role, ensure_groups, has_role, remove_unused_wagtail_groups


def test_groups_are_created_once(db):
    ensure_groups()
    ensure_groups()
    remove_unused_wagtail_groups()
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(r.value for r in Role)


def test_only_trainers_and_approvers_enter_the_admin(make_user):
    can_enter = {role: make_user(role).has_perm("wagtailadmin.access_admin") for role in Role}
    assert can_enter == {
        Role.TRAINEE: False,
        Role.TRAINER: True,
        Role.TASK_FORCE: False,
        Role.OTE_APPROVER: True,
    }


def test_trainers_edit_pages_and_site_settings(trainer):
    from wagtail.models import Page

    assert trainer.has_perm("home.change_sitesettings")
    root = Page.get_first_root_node()
    assert root.permissions_for_user(trainer).can_add_subpage()


def test_trainees_hold_no_permission(trainee):
    assert trainee.get_all_permissions() == set()


def test_has_role(trainee, trainer, make_user):
    admin = make_user(is_superuser=True)
    assert has_role(trainee, Role.TRAINEE)
    assert not has_role(trainee, Role.TRAINER, Role.TASK_FORCE)
    assert has_role(trainer, Role.TRAINER)
    assert has_role(admin, Role.TASK_FORCE)

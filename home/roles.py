"""The four roles of the training cycle, as Django groups with exactly the permissions each needs.

Apps declare what their models require of a role with `grant()` in their `AppConfig.ready()`,
so that this low-level module never imports the apps that build on it.
"""

from collections import defaultdict

from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    TRAINEE = "Trainees", _("Trainees")
    TRAINER = "Trainers", _("Trainers")
    TASK_FORCE = "Task force", _("Task force")
    OTE_APPROVER = "OTE approvers", _("OTE approvers")


_model_permissions: dict[Role, set[str]] = defaultdict(set)

# Wagtail page permissions trainers hold on the whole tree, and collection permissions for media.
TRAINER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
TRAINER_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)


def grant(role: Role, *permissions: str) -> None:
    """Declare that `role` needs each "app_label.codename" permission."""
    _model_permissions[role].update(permissions)


def declared_permissions(role: Role) -> frozenset[str]:
    return frozenset(_model_permissions[role])


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_groups() -> dict[Role, Group]:
    """Create the role groups and set their permissions to exactly what is declared. Idempotent."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    groups: dict[Role, Group] = {}
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        group.permissions.set([_permission(p) for p in sorted(declared_permissions(role))])
        groups[role] = group

    trainers = groups[Role.TRAINER]
    root_page = Page.get_first_root_node()
    if root_page is not None:
        for codename in TRAINER_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=trainers,
                page=root_page,
                permission=_permission(f"wagtailcore.{codename}"),
            )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for app_label, codename in TRAINER_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=trainers,
                collection=root_collection,
                permission=_permission(f"{app_label}.{codename}"),
            )
    return groups


def has_role(user, *roles: Role) -> bool:
    """True when the user belongs to one of `roles`. Superusers hold every role."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_role_names"):
        # Public pages need the roles only; where permissions were read, the roles came with them.
        user._role_names = set(user.groups.values_list("name", flat=True))
    return bool({role.value for role in roles} & user._role_names)


# Who reads the review area (needs results, minutes, reports), and who works in the Wagtail admin.
REVIEWERS = (Role.TASK_FORCE, Role.TRAINER)
ADMIN_USERS = (Role.TRAINER, Role.OTE_APPROVER)

# Roles whose members never count as trainees, even when they also belong to the Trainees group.
STAFF_ROLES = (Role.TRAINER, Role.TASK_FORCE, Role.OTE_APPROVER)


def counts_as_trainee(user) -> bool:
    """Whether `user`'s answers count in trainee results and figures: not a superuser and in no staff
    role (trainers, task force, OTE approvers try quizzes to check them; that is not learning)."""
    if not user.is_authenticated or user.is_superuser:
        return False
    return not has_role(user, *STAFF_ROLES)


class Audience(models.TextChoices):
    """Who reads a notice, for the wording of who to turn to: a trainee asks their trainer; a
    trainer (or superuser) acts in the administration; the task force and the OTE approvers ask
    the trainers."""

    TRAINEE = "trainee"
    TRAINER = "trainer"
    STAFF = "staff"


def audience(*, user) -> Audience:
    if has_role(user, Role.TRAINER):
        return Audience.TRAINER
    if has_role(user, Role.TASK_FORCE, Role.OTE_APPROVER):
        return Audience.STAFF
    return Audience.TRAINEE


def not_a_trainee(user_field: str = "user") -> models.Q:
    """The same rule as `counts_as_trainee`, for a queryset whose rows point to a user through
    `user_field`: `rows.exclude(not_a_trainee())` keeps the trainees' rows."""
    return models.Q(**{f"{user_field}__is_superuser": True}) | models.Q(
        **{f"{user_field}__groups__name__in": [role.value for role in STAFF_ROLES]}
    )


WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")


def remove_unused_wagtail_groups() -> int:
    """Wagtail's migrations create broad Editors/Moderators groups; the four roles replace them."""
    deleted, _details = Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()
    return deleted


def role_required(*roles: Role):
    """View decorator: anonymous visitors go to the login page, members of no role get a 403."""
    from functools import wraps

    from django.contrib.auth.views import redirect_to_login
    from django.core.exceptions import PermissionDenied

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

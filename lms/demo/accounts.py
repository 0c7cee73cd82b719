import tomllib
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from home.roles import ensure_groups
from lms.models import StaffProfile

DATA_FILE = Path(__file__).parent / "data" / "accounts.toml"


def read_accounts() -> tuple[str, list[dict]]:
    data = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data["password"], data["account"]


@transaction.atomic
def ensure_demo_accounts() -> list:
    """Create the demo users and their group memberships; existing users keep their password."""
    ensure_groups()
    password, accounts = read_accounts()
    User = get_user_model()
    groups = {g.name: g for g in Group.objects.all()}
    users = []
    for account in accounts:
        user, created = User.objects.get_or_create(
            username=account["username"],
            defaults={
                "first_name": account["first_name"],
                "last_name": account["last_name"],
                "email": account["email"],
                "is_superuser": account.get("superuser", False),
                "is_staff": account.get("superuser", False),
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.set([groups[name] for name in account.get("roles", [])])
        if "function" in account:
            ensure_function(user=user, function=account["function"])
        users.append(user)
    return users


def ensure_function(*, user, function: dict[str, str]) -> StaffProfile:
    """The function `user` signs with, per language code ({"fr": ..., "ar": ...})."""
    fields = {f"function_{language}": text for language, text in function.items()}
    profile, _created = StaffProfile.objects.update_or_create(user=user, defaults=fields)
    return profile

"""How a person is named and listed everywhere: screens, exports, PDFs, e-mails and records."""

from django.db.models import QuerySet

# Trainees and other people are listed by family name, then given name; the username and the id
# break ties so that two lists of the same people always agree.
NAME_ORDER = ("last_name", "first_name", "username", "id")


def display_name(user) -> str:
    """The person's full name as they gave it, else their username."""
    return name_from(first_name=user.first_name, last_name=user.last_name, username=user.get_username())


def name_from(*, first_name: str, last_name: str, username: str) -> str:
    """`display_name` for rows read with `values()` (same rule, no model instance)."""
    return f"{first_name} {last_name}".strip() or username


def by_name(people: QuerySet) -> QuerySet:
    return people.order_by(*NAME_ORDER)

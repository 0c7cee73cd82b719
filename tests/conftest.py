import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from home.roles import Role, ensure_groups, remove_unused_wagtail_groups
from home.site_tree import ensure_home_page

PASSWORD = "correct-horse-battery"


def pytest_addoption(parser):
    parser.addoption(
        "--one-variant",
        action="store_true",
        help="Browser tests run in one language and screen each (make test); without it, in every "
        "variant (French and Arabic, desktop and phone: make test-complete, CI).",
    )


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need PostgreSQL (row locks, several server processes): skipped on
    SQLite, they run in CI's PostgreSQL pass."""
    from django.conf import settings

    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: runs in CI's PostgreSQL pass")
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def french_by_default():
    """Each test starts in French: a request made by an earlier test may have left Arabic active."""
    from django.utils import translation

    translation.activate("fr")
    yield
    translation.activate("fr")


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: ids reused after a rollback must not find old entries."""
    from django.core.cache import cache

    from home.site_cache import forget_in_process

    cache.clear()
    forget_in_process()
    yield
    cache.clear()
    forget_in_process()


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module that asks for it and rolled back after it."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", "--allow-production", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def site_tree(db):
    """The home page and the role groups, as `manage.py setup_site` leaves them."""
    home = ensure_home_page()
    ensure_groups()
    remove_unused_wagtail_groups()
    return home


@pytest.fixture
def make_user(db):
    counter = iter(range(1, 10_000))

    def make(role: Role | None = None, *, username: str | None = None, **fields):
        ensure_groups()
        name = username or f"user{next(counter)}"
        user = get_user_model().objects.create_user(
            username=name, email=f"{name}@example.org", password=PASSWORD, **fields
        )
        if role is not None:
            user.groups.add(Group.objects.get(name=role.value))
        return user

    return make


@pytest.fixture
def trainee(make_user):
    return make_user(Role.TRAINEE, username="trainee_a", first_name="Amira", last_name="Ben Ali")


@pytest.fixture
def trainer(make_user):
    return make_user(Role.TRAINER, username="trainer", first_name="Karim", last_name="Belhadj")


@pytest.fixture
def task_force(make_user):
    return make_user(Role.TASK_FORCE, username="taskforce")


@pytest.fixture
def approver(make_user):
    return make_user(Role.OTE_APPROVER, username="approver")


def translated(text: str, language: str = "fr") -> str:
    """`text` as the interface shows it in `language`; fails if the catalogue lacks it."""
    from django.utils import translation
    from django.utils.html import escape

    with translation.override(language):
        result = translation.gettext(text)
    assert result != text, f"{text!r} is not translated in {language}"
    return escape(result)

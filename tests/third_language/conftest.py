import pytest
from django.conf import settings
from django.core.management import call_command

if "en" not in dict(settings.LANGUAGES):
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated, then given the English columns as a new language's deployment
    gets them."""
    with django_db_blocker.unblock():
        call_command("sync_translation_fields", interactive=False, verbosity=0)

"""The development server's static files: a path leaving the static folders is a 404, never a
500 with a traceback. The paths are typed on purpose: the traversal is what is tested."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def static_handler(settings):
    from django.core.management import get_commands, load_command_class

    settings.DEBUG = True
    command = load_command_class(get_commands()["runserver"], "runserver")  # what manage.py runs
    return command.get_handler(use_static_handler=True, insecure_serving=False)


def get(handler, path: str) -> str:
    statuses = []
    environ = RequestFactory().get(path).environ
    b"".join(handler(environ, lambda status, headers, exc_info=None: statuses.append(status)))
    return statuses[0]


@pytest.mark.parametrize(
    "path",
    ["/static/../manage.py", "/static/..%2f..%2fmanage.py", "/static/css/../../lms/settings/base.py"],
)
def test_a_path_out_of_the_static_folders_is_not_found(static_handler, path):
    assert get(static_handler, path).startswith("404")


def test_static_files_are_still_served(static_handler):
    assert get(static_handler, "/static/css/site.css").startswith("200")
    assert isinstance(static_handler.application, WSGIHandler)

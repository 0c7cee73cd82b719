import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="lms.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_passes_the_deployment_checklist():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="x" * 20 + "-production-like-secret-key-with-enough-entropy-8f3k2",
        ALLOWED_HOSTS="academy.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 20 + "-production-like-secret-key-with-enough-entropy-8f3k2",
    "ALLOWED_HOSTS": "academy.example.org",
}
PRINT_COOKIE_FLAGS = (
    "from django.conf import settings; print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE)"
)


def test_production_cookies_are_sent_over_https_only_by_default():
    result = run_manage("shell", "--no-imports", "-c", PRINT_COOKIE_FLAGS, **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]


def test_production_cookies_may_be_allowed_over_plain_http_from_the_environment():
    """For a stack measured over plain HTTP on a private network (make bench)."""
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        PRINT_COOKIE_FLAGS,
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="False",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def test_production_deployment_checklist_warns_when_cookies_are_not_https_only():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", SESSION_COOKIE_SECURE="false", **PRODUCTION_ENV
    )
    assert result.returncode != 0
    assert "SESSION_COOKIE_SECURE" in result.stdout + result.stderr


def test_production_gives_up_on_a_silent_smtp_server():
    """A send that hangs would hold the worker and its messages: it fails after 30 s and is retried."""
    script = "from django.conf import settings; print(settings.EMAIL_TIMEOUT)"
    result = run_manage("shell", "--no-imports", "-c", script, **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["30"]

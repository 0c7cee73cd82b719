"""SQLite under parallel requests: each transaction takes the write lock when it begins and a
connection waits for it, so ten quiz starts or submits at once queue instead of failing with
"database is locked". PostgreSQL keeps its own defaults."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


@pytest.fixture
def sqlite_file_connection(tmp_path):
    """A connection configured as the project configures SQLite, on a file other processes can open
    (the SQLite pass of the suite; PostgreSQL's pass checks `test_postgresql_gets_no_sqlite_options`)."""
    if connection.vendor != "sqlite":
        pytest.skip("checks the SQLite configuration: runs in the SQLite pass")
    path = tmp_path / "probe.sqlite3"
    wrapper = DatabaseWrapper({**connection.settings_dict, "NAME": str(path)}, alias="probe")
    wrapper.connect()
    yield wrapper, path
    wrapper.close()


def test_a_transaction_takes_the_write_lock_when_it_begins(sqlite_file_connection):
    wrapper, path = sqlite_file_connection
    with wrapper.cursor() as cursor:
        cursor.execute("CREATE TABLE t (x integer)")
    wrapper.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    try:
        with wrapper.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM t"
            )  # a read only: a deferred transaction holds no write lock
        other = sqlite3.connect(path, timeout=0)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()
    finally:
        wrapper.rollback()
        wrapper.set_autocommit(True)


def test_a_connection_waits_for_the_lock_instead_of_failing(sqlite_file_connection):
    wrapper, _path = sqlite_file_connection
    with wrapper.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 10_000  # milliseconds


def test_postgresql_gets_no_sqlite_options():
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(
        DJANGO_SETTINGS_MODULE="lms.settings.test", DATABASE_URL="postgres://u:p@db.internal:5432/tounesna"
    )
    show = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", show], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {}

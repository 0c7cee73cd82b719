"""The benchmark's own PostgreSQL database: created empty before the run, dropped after it."""

from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tounesna_bench"


def database_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    if not name or not name.startswith("tounesna_bench"):
        # A typo must not drop someone's database.
        raise SystemExit(f"The bench database name must start with tounesna_bench (got {name!r}).")
    return name


def _maintenance_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))


def _execute(url: str, statement: sql.Composable) -> None:
    with psycopg.connect(_maintenance_url(url), autocommit=True) as connection:
        connection.execute(statement)


def drop_database(url: str) -> None:
    name = database_name(url)
    _execute(url, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def create_database(url: str) -> None:
    drop_database(url)
    _execute(url, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database_name(url))))

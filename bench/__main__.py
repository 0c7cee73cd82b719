"""`python -m bench`: build the data set, measure, print the table, write bench/results/latest.json."""

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

from .database import DEFAULT_URL, create_database, drop_database

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--small", action="store_true", help="a tenth of the data, for a quick try")
    parser.add_argument(
        "--keep-db", action="store_true", help="keep the bench database (and static files) afterwards"
    )
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="measure (and keep) a database kept by an earlier --keep-db run",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smoke run: the small data set, two short rounds against the floor, fewer repeats",
    )
    parser.add_argument(
        "--site-on-postgresql",
        action="store_true",
        help="this site on the bench's PostgreSQL database (BENCH_DATABASE_URL) rather than SQLite like"
        " the floor: a diagnostic, to see what the database engine accounts for",
    )
    parser.add_argument(
        "--floor-on-postgresql",
        action="store_true",
        help="the floor on a PostgreSQL database of its own (<bench database>_floor) rather than SQLite,"
        " to see what the database engine alone accounts for",
    )
    parser.add_argument("--rounds", type=int, default=0, help="rounds against the floor (default 6)")
    parser.add_argument("--only", default="", help="comma-separated phases: pages,browser,rounds")
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    static_root = Path(os.environ.get("BENCH_STATIC_ROOT") or ROOT / "var" / "bench-static")
    # Like for like by default (issue 25): this site on SQLite, as the floor is.
    sqlite_file = Path(os.environ.get("BENCH_SQLITE_FILE") or ROOT / "var" / "bench.sqlite3")
    site_url = url if args.site_on_postgresql else f"sqlite:///{sqlite_file}"
    os.environ.update(
        DATABASE_URL=site_url,
        DJANGO_SETTINGS_MODULE="bench.settings",
        BENCH_STATIC_ROOT=str(static_root),
        DB_CONN_MAX_AGE="600",
        # With REDIS_URL set, the run's keys must not meet an earlier run's (same ids, other data).
        CACHE_KEY_PREFIX=f"bench-{int(time.time())}",
    )
    if args.reuse_db:
        pass
    elif args.site_on_postgresql:
        create_database(url)
    else:
        sqlite_file.parent.mkdir(parents=True, exist_ok=True)
        sqlite_file.unlink(missing_ok=True)
    try:
        from .run import run

        run(args, url=url, static_root=static_root, started=started)
    finally:
        if not (args.keep_db or args.reuse_db):  # a reused database is someone's kept one
            from django.db import connections

            connections.close_all()
            if args.site_on_postgresql:
                drop_database(url)
            else:
                sqlite_file.unlink(missing_ok=True)
            shutil.rmtree(static_root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The benchmark's phases, run after `bench.__main__` has pointed Django at the bench database."""

import io
import os
import platform
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import django

STARTED = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - STARTED:6.1f} s] {message}", flush=True)


def quietly(*args) -> None:
    from django.core.management import call_command

    call_command(*args, verbosity=0, stdout=io.StringIO())


def collect_static_files() -> subprocess.Popen:
    """collectstatic (compressing every file takes a while) in a process of its own, meanwhile."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--clear", "--verbosity=0"],
        cwd=Path(__file__).resolve().parent.parent,
    )


def reload_static_manifest() -> None:
    """The manifest as collectstatic left it: building the data renders templates (notification
    e-mails) that load the static files storage, possibly before the manifest existed."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    storage = staticfiles_storage
    if hasattr(storage, "load_manifest"):
        storage.hashed_files, storage.manifest_hash = storage.load_manifest()


def prepare(args, static_root: Path):
    from django.db import connection

    from . import dataset

    scale = dataset.SMALL if args.small else dataset.Scale()
    collecting = None
    if not args.reuse_db or not (static_root / "staticfiles.json").exists():
        log("Static files (collectstatic: compressed, content-hashed), in the background …")
        collecting = collect_static_files()
    try:
        log("Database (migrate) …")
        quietly("migrate", "--noinput")
        if args.reuse_db:
            data = dataset.find(scale)
        else:
            log("Demo content (manage.py load_demo) …")
            quietly("load_demo", "--allow-production")
            log("Data set …")
            data = dataset.build(scale, log=log)
            with connection.cursor() as cursor:
                # Planner statistics and visibility maps, as a database in use has them; and no
                # autovacuum of the fresh rows competing with the measurements.
                cursor.execute("VACUUM ANALYZE")
        if collecting is not None:
            if collecting.wait() != 0:
                raise SystemExit("collectstatic failed")
            reload_static_manifest()
        return data
    finally:
        if collecting is not None and collecting.poll() is None:
            collecting.kill()
            collecting.wait()


def page_checks(data) -> dict:
    from django.utils import translation

    from .server_time import PageCheck

    with translation.override("fr"):
        lesson_url = data.lesson.get_url()
        course_url = data.course.get_url()
        quiz_url = data.open_attempt.quiz.get_url()
    bare_url = "/fr/bench-bare/" + lesson_url.removeprefix("/fr/")
    report = f"/fr/review/plans/{data.plan.pk}/workshops/{data.workshop.pk}/report"
    return {
        "pair": (
            PageCheck("lesson", "Lesson", lesson_url, data.trainee, repeat=40),
            PageCheck("bare", "Bare page, same body", bare_url, data.trainee, repeat=40),
        ),
        "single": [
            PageCheck("outline", "Course outline", course_url, data.trainee),
            PageCheck("dashboard", "Trainee dashboard", "/fr/my/", data.trainee),
            PageCheck(
                "matrix",
                f"Progress matrix ({data.counts['trainees']} × {data.counts['steps_per_course']})",
                f"/admin/progress/{data.national_cohort.pk}/",
                data.trainer,
                repeat=10,
            ),
            PageCheck("attempt", "Quiz attempt", f"{quiz_url}attempt/{data.open_attempt.pk}/", data.trainee),
            PageCheck(
                "needs_results",
                f"Needs results ({data.counts['needs_responses']} responses)",
                f"/fr/review/questionnaires/{data.needs.pk}/",
                data.task_force,
                repeat=15,
            ),
            PageCheck(
                "report_html",
                f"Workshop report HTML ({data.counts.get('workshop_trainees', '?')} trainees)",
                f"{report}/",
                data.task_force,
                repeat=15,
            ),
            PageCheck("report_pdf", "Workshop report PDF", f"{report}.pdf", data.task_force, repeat=5),
        ],
    }


def measure_pages(data) -> list:
    from .server_time import measure_pair, run_all

    checks = page_checks(data)
    log("Server time (in process) …")
    lesson, bare = measure_pair(*checks["pair"])
    log(f"  Lesson {lesson.median * 1000:.1f} ms, bare {bare.median * 1000:.1f} ms")
    return [lesson, bare, *run_all(checks["single"], log=log)]


def memory_gib() -> float | None:
    try:
        with open("/proc/meminfo") as meminfo:
            kib = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
    except (OSError, StopIteration, ValueError):
        return None
    return round(kib / 1024 / 1024, 1)


def machine(load_at_start: tuple[float, float, float]) -> dict:
    """What the figures depend on. Other work on the machine shows in the load averages."""
    from django.conf import settings

    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "memory_gib": memory_gib(),
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "load_average_at_start": [round(x, 2) for x in load_at_start],
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
    }


def run(args, *, url: str, static_root: Path, started: float) -> None:
    django.setup()
    from .report import print_table, summary, write_json

    load_at_start = os.getloadavg()
    phases = set(args.only.split(",")) if args.only else {"pages", "browser", "load"}
    data = prepare(args, static_root)
    built = time.perf_counter()
    timings = measure_pages(data) if "pages" in phases else []
    browser = load = None
    if phases & {"browser", "load"}:
        from .server import gunicorn

        with gunicorn(workers=2) as base_url:
            if "browser" in phases:
                from .browser import page_weight
                from .server import session_cookie

                log("Cold load in headless Chromium …")
                browser = page_weight(
                    base_url, page_checks(data)["pair"][0].url, session_cookie(data.trainee)
                )
            if "load" in phases:
                from .load import load_test
                from .server import session_cookie

                cookies = [session_cookie(trainee) for trainee in data.load_trainees]
                load = [
                    load_test(base_url, page_checks(data)["pair"][0].url, cookies[:clients], log=log)
                    for clients in (10, 20)
                ]
    result = summary(
        timings=timings,
        browser=browser,
        load=load,
        counts=data.counts,
        machine=machine(load_at_start),
        durations={"build_s": round(built - started, 1), "total_s": round(time.perf_counter() - started, 1)},
        date=datetime.now().astimezone().isoformat(timespec="seconds"),
    )
    print_table(result)
    write_json(result, args.output)

"""The benchmark's phases, run after `bench.__main__` has pointed Django at the bench database."""

import dataclasses
import io
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
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

    scale = dataset.SMALL if args.small or args.quick else dataset.Scale()
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
                # Planner statistics (and, in PostgreSQL, visibility maps), as a database in use has
                # them; and no autovacuum of the fresh rows competing with the measurements.
                cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        if collecting is not None:
            if collecting.wait() != 0:
                raise SystemExit("collectstatic failed")
            reload_static_manifest()
        return data
    finally:
        if collecting is not None and collecting.poll() is None:
            collecting.kill()
            collecting.wait()


def page_checks(data, repeat: int = 40) -> dict:
    from django.urls import reverse
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
            PageCheck("lesson", "Lesson", lesson_url, data.trainee, repeat=repeat),
            PageCheck("bare", "Bare page, same body", bare_url, data.trainee, repeat=repeat),
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
            PageCheck(
                "review_queue",
                f"Review queue, first page of 50 ({data.counts.get('works_to_review', '?')} works)",
                reverse("assessments_review_queue"),
                data.trainer,
                repeat=10,
            ),
            PageCheck(
                "review_submission",
                "Review of one work, beside its rubric",
                reverse("assessments_review_submission", args=[data.submission.pk]),
                data.trainer,
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


def measure_pages(data, repeat: int = 40, *, quick: bool = False) -> list:
    """Quick: 10 pairs of lesson and bare page, three requests of each other page."""
    from .server_time import measure_pair, run_all

    checks = page_checks(data, 10 if quick else repeat)
    singles = checks["single"]
    if quick:
        singles = [dataclasses.replace(check, repeat=3) for check in singles]
    log("Server time (in process) …")
    lesson, bare = measure_pair(*checks["pair"])
    log(f"  Lesson {lesson.median * 1000:.1f} ms, bare {bare.median * 1000:.1f} ms")
    return [lesson, bare, *run_all(singles, log=log)]


class FloorBuilder(threading.Thread):
    """bench/floor.py's `create`, meanwhile (its migrations take a minute), in a temporary directory."""

    def __init__(self, database_url: str = ""):
        super().__init__(daemon=True)
        self.root = Path(tempfile.mkdtemp(prefix="tounesna-floor-"))
        self.database_url = database_url  # empty: SQLite in `root`
        self.error: BaseException | None = None

    def run(self):
        from . import floor
        from .database import create_database

        try:
            if self.database_url:
                create_database(self.database_url)
            floor.create(self.root, database_url=self.database_url)
        except BaseException as error:  # noqa: BLE001 - reported by `result`
            self.error = error

    def result(self) -> Path:
        self.join()
        if self.error is not None:
            raise self.error
        return self.root


def lesson_text(lesson) -> tuple[str, list[str]]:
    """The lesson's title and words (summary, then its body's blocks) in the current language."""
    from courses.rendering import rendered_body

    from .floor import paragraphs_of

    summary = [lesson.summary] if lesson.summary else []
    return lesson.title, summary + paragraphs_of(str(rendered_body(lesson.body).html))


def floor_pages(data, *, base_url: str, floor_url: str, floor) -> list:
    """The floor first, then this site's pages, each with the sessions of its clients."""
    from django.utils import translation

    from .floor import word_count
    from .rounds import Measured
    from .server import session_cookie

    trainees = [session_cookie(trainee) for trainee in data.load_trainees[:10]]
    urls, words = {}, {}
    for language in ("fr", "ar"):
        with translation.override(language):
            urls[language] = data.lesson.get_url()
            words[language] = word_count(lesson_text(data.lesson)[1])
            if language == "fr":
                course_url = data.course.get_url()
                quiz_url = data.open_attempt.quiz.get_url()
    site = [
        ("lesson_fr", "Lesson, French", urls["fr"], trainees, words["fr"]),
        ("lesson_ar", "Lesson, Arabic", urls["ar"], trainees, words["ar"]),
        ("course", "Course page", course_url, trainees, None),
        ("dashboard", "Trainee dashboard", "/fr/my/", trainees, None),
        (
            "attempt",
            "Quiz attempt",
            f"{quiz_url}attempt/{data.open_attempt.pk}/",
            [session_cookie(data.trainee)],
            None,
        ),
        (
            "review_results",
            "Review area: needs results",
            f"/fr/review/questionnaires/{data.needs.pk}/",
            [session_cookie(data.task_force)],
            None,
        ),
    ]
    return [
        Measured("floor", "Floor: fresh Wagtail page", floor_url, floor.url, floor.cookies, floor.words),
        *(Measured(key, label, base_url, path, cookies, count) for key, label, path, cookies, count in site),
    ]


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
        "site_database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "load_average_at_start": [round(x, 2) for x in load_at_start],
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
    }


def run(args, *, url: str, static_root: Path, started: float) -> None:
    django.setup()
    from .report import print_table, summary, write_json

    load_at_start = os.getloadavg()
    every = {"pages", "browser", "rounds"}
    phases = set(args.only.replace("load", "rounds").split(",")) if args.only else every
    floor_database = f"{url}_floor" if args.floor_on_postgresql else ""
    builder = FloorBuilder(floor_database) if phases & {"browser", "rounds"} else None
    if builder is not None:
        log(f"Floor project (wagtail start, migrate, collectstatic) in {builder.root}, in the background …")
        builder.start()
    try:
        data = prepare(args, static_root)
        built = time.perf_counter()
        timings = measure_pages(data, quick=args.quick) if "pages" in phases else []
        browser = rounds = None
        if builder is not None:
            browser, rounds = served(args, data, phases, builder)
    finally:
        if builder is not None and not args.keep_db:
            builder.join()
            shutil.rmtree(builder.root, ignore_errors=True)
            if builder.database_url:
                from .database import drop_database

                drop_database(builder.database_url)
    result = summary(
        timings=timings,
        browser=browser,
        rounds=rounds,
        counts=data.counts,
        machine=machine(load_at_start),
        durations={"build_s": round(built - started, 1), "total_s": round(time.perf_counter() - started, 1)},
        date=datetime.now().astimezone().isoformat(timespec="seconds"),
    )
    print_table(result)
    write_json(result, args.output)


def served(args, data, phases: set[str], builder: FloorBuilder) -> tuple[dict | None, dict | None]:
    """Both servers up side by side: the cold loads in Chromium, then the interleaved rounds."""
    from django.utils import translation

    from . import floor as floor_project
    from .rounds import QUICK, Settings, measure_against_floor
    from .server import gunicorn, session_cookie

    root = builder.result()
    with translation.override("fr"):
        title, paragraphs = lesson_text(data.lesson)
    floor = floor_project.fill(
        root, title=title, paragraphs=paragraphs, sessions=10, database_url=builder.database_url
    )
    browser = rounds = None
    with (
        gunicorn(workers=2) as base_url,
        gunicorn(
            workers=2,
            settings=floor_project.SETTINGS,
            env=floor_project.environment(builder.database_url),
            app=floor_project.WSGI,
            cwd=root,
            health=floor.url,
        ) as floor_url,
    ):
        if "browser" in phases:
            from .browser import page_weight

            log("Cold load in headless Chromium (lesson, then floor) …")
            lesson_url = page_checks(data)["pair"][0].url
            browser = page_weight(base_url, lesson_url, session_cookie(data.trainee))
            browser["floor"] = page_weight(floor_url, floor.url, floor.cookies[0])
        if "rounds" in phases:
            settings = QUICK if args.quick else Settings()
            if args.rounds:
                settings = dataclasses.replace(settings, rounds=args.rounds)
            log(f"Against the floor under gunicorn (2 sync workers each), {settings.rounds} rounds …")
            rounds = measure_against_floor(
                floor_pages(data, base_url=base_url, floor_url=floor_url, floor=floor), settings, log=log
            )
    return browser, rounds

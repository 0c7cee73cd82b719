"""Two app instances (gunicorn, two ports) on one PostgreSQL database serve trainees concurrently,
and the data ends exactly as one instance would have left it: the attempt limit holds, each step
has one progress row, and the results are the same.

Each trainee's requests alternate between the instances; every quiz start is sent to both at once,
and the last answers are submitted to both at once. The data is committed (transactional test)
so that the servers, separate processes reading the test database, see it.
"""

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal
from http.cookiejar import Cookie, CookieJar
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import translation

from assessments.models import Attempt
from assessments.results import trainee_results
from courses.models import StepProgress
from courses.progress import course_progress
from home.roles import Role
from tests.factories.assessments import make_question, make_quiz
from tests.factories.courses import enrol, lessons_of, make_course

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
TRAINEES = 5
MAX_ATTEMPTS = 2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(url: str, process: subprocess.Popen, timeout: float = 40) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited ({process.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/healthz/", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not start")


@pytest.fixture
def instances():
    """Two gunicorn instances (two workers each) on the test database; stopped after the test."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": database_url(),
        "DB_CONN_MAX_AGE": "0",
    }
    servers = []
    try:
        for _ in range(2):
            port = free_port()
            command = [
                str(Path(sys.executable).with_name("gunicorn")),
                "lms.wsgi:application",
                "--workers=2",
                "--preload",
                f"--bind=127.0.0.1:{port}",
                "--log-level=warning",
            ]
            process = subprocess.Popen(command, cwd=ROOT, env=environment)
            servers.append((f"http://127.0.0.1:{port}", process))
        for url, process in servers:
            wait_for(url, process)
        yield [url for url, _process in servers]
    finally:
        for _url, process in servers:
            process.terminate()
        for _url, process in servers:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the caller reads where it was sent; the page itself is not needed


class Browser:
    """One trainee's session, shared by both instances (same host, so the same cookies)."""

    def __init__(self, session_key: str):
        self.jar = CookieJar()
        self.jar.set_cookie(cookie(settings.SESSION_COOKIE_NAME, session_key))
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), KeepRedirects)

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == settings.CSRF_COOKIE_NAME)

    def _open(self, request) -> str:
        """The address a redirection leads to, or the address itself for a page (200)."""
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.geturl()
        except urllib.error.HTTPError as error:
            if error.code in {301, 302, 303}:
                return error.headers["Location"]
            raise

    def get(self, url: str) -> str:
        return self._open(url)

    def post(self, url: str, data: dict | None = None) -> str:
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": self.csrf(), **(data or {})}).encode()
        return self._open(urllib.request.Request(url, data=body))


def cookie(name: str, value: str) -> Cookie:
    return Cookie(
        0, name, value, None, False, "127.0.0.1", False, False, "/", True, False, None, False, None, None, {}
    )


def together(*calls):
    """Run the calls at the same moment (one thread each); their results, or the errors raised."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the caller inspects every outcome
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


ATTEMPT_URL = re.compile(r"/attempt/(\d+)/$")


def attempt_id(url: str) -> int | None:
    found = ATTEMPT_URL.search(url)
    return int(found.group(1)) if found else None


def trainee_journey(browser: Browser, servers: list[str], lesson_paths: list[str], quiz_path: str) -> list:
    """Lessons read and completed, then every attempt allowed and one more; each request on the
    other instance than the one before. Returns the attempt ids the starts landed on."""
    problems = []
    for index, path in enumerate(lesson_paths):
        browser.get(servers[index % 2] + path)
        browser.post(servers[(index + 1) % 2] + path + "complete/")
    browser.get(servers[0] + quiz_path)  # the CSRF cookie, from the quiz overview
    answers = ["b", "a", "a"]  # wrong, then right; the third start must be refused
    for number in range(MAX_ATTEMPTS + 1):
        landed = together(*(lambda s=s: browser.post(s + quiz_path + "start/") for s in servers))
        ids = {attempt_id(url) if isinstance(url, str) else url for url in landed}
        if number == MAX_ATTEMPTS:
            if ids != {None}:
                problems.append(f"start beyond the limit landed on {landed}")
            break
        if len(ids) != 1 or None in ids:
            problems.append(f"simultaneous starts landed on {landed}")
            continue
        attempt_path = f"{quiz_path}attempt/{ids.pop()}/"
        data = {"q1": answers[number], "action": "submit"}
        submitted = together(*(lambda s=s, p=attempt_path, d=data: browser.post(s + p, d) for s in servers))
        if not all(isinstance(url, str) and url.endswith("/review/") for url in submitted):
            problems.append(f"submissions ended on {submitted}")
    return problems


def test_two_instances_serve_like_one(site_tree, instances, make_user):
    # The site is set up before the instances start, as in a deployment: each instance keeps the
    # site it routes from for CACHE_SECONDS (home/site_cache.py; REDIS_URL shares the cache).
    course = make_course(modules=1, lessons=3)
    module = course.get_children().first()
    question = make_question()
    quiz = make_quiz(module, questions=[question], max_attempts=MAX_ATTEMPTS)
    trainees = [make_user(Role.TRAINEE) for _ in range(TRAINEES)]
    cohort = None
    for trainee in trainees:
        cohort = enrol(trainee, course, cohort=cohort)
    with translation.override("fr"):
        lesson_paths = [lesson.url for lesson in lessons_of(course)]
        quiz_path = quiz.url
    browsers = []
    for trainee in trainees:
        client = Client()
        client.force_login(trainee)
        browsers.append(Browser(client.cookies[settings.SESSION_COOKIE_NAME].value))

    started = time.monotonic()
    problems = together(
        *(lambda b=b: trainee_journey(b, instances, lesson_paths, quiz_path) for b in browsers)
    )
    assert not [p for p in problems if p], problems
    assert time.monotonic() - started < 60

    steps = len(lesson_paths) + 1
    assert StepProgress.objects.filter(user__in=trainees).count() == TRAINEES * steps
    assert StepProgress.objects.filter(user__in=trainees, completed_at__isnull=True).count() == 0
    for trainee in trainees:
        attempts = list(Attempt.objects.filter(user=trainee, quiz=quiz).order_by("number"))
        assert [(a.number, a.status, a.score) for a in attempts] == [
            (1, "submitted", Decimal("0.00")),
            (2, "submitted", Decimal("100.00")),
        ]
        assert course_progress(user=trainee, course=course).percent == 100
    results = trainee_results(quiz=quiz)
    assert [(r.attempts, r.best, r.last, r.grade, r.passed) for r in results] == [
        (2, Decimal("100.00"), Decimal("100.00"), Decimal("100.00"), True)
    ] * TRAINEES

"""Real servers for the browser and load phases: gunicorn on a free port, with this site's
configuration (deploy/gunicorn.conf.py: sync workers, preloaded application, worker recycling), for
this site (`lms.wsgi`) and for the floor project (bench/floor.py) alike."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "gunicorn.conf.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(base_url: str, process: subprocess.Popen, path: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}{path}", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {base_url} within {timeout} s")


@contextmanager
def gunicorn(
    *,
    workers: int = 2,
    settings: str = "bench.settings",
    env: dict | None = None,
    app: str = "lms.wsgi:application",
    cwd: Path = ROOT,
    health: str = "/healthz/",
):
    """Serve `app` from `cwd` with `workers` sync workers; yields the base URL, stops the server after.

    Both servers read the same configuration file; only the address, the number of workers (fixed,
    not two per core) and the logs (no access log: it would be written at every request) differ.
    """
    port = free_port()
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        f"--config={CONFIG}",
        f"--workers={workers}",
        f"--bind=127.0.0.1:{port}",
        "--access-logfile=/dev/null",
        "--log-level=warning",
        app,
    ]
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, **(env or {})}
    process = subprocess.Popen(command, cwd=cwd, env=environment)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base_url, process, health)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def session_cookie(user) -> str:
    """A signed-in session for `user`, stored in the database the server reads."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value

"""Production settings, with what a benchmark on localhost needs: plain HTTP, its own URLs.

The URLs add the "bare" page (bench/urls.py); everything else is what `lms.wsgi` runs in production,
including WhiteNoise's compressed, content-hashed static files (collected into BENCH_STATIC_ROOT).
"""

import os
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")  # plain HTTP on localhost
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")

from lms.settings.production import *  # noqa: E402, F403

ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], Path(__file__).parent / "templates"]  # noqa: F405
STATIC_ROOT = Path(os.environ.get("BENCH_STATIC_ROOT", BASE_DIR / "var" / "bench-static"))  # noqa: F405
SECURE_HSTS_SECONDS = 0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the demo's workflow notifications
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "WARNING")  # noqa: F405
MIDDLEWARE = ["bench.timing.ServerTimingMiddleware", *MIDDLEWARE]  # noqa: F405  (outermost: Server-Timing, queries)

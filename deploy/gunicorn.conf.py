"""gunicorn for Tounesna Academy: `gunicorn -c deploy/gunicorn.conf.py lms.wsgi` (see docs/deploy.md).

Every value can be changed from the environment; logs go to standard output and standard error.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: a request holds one process; two per core suits pages that mostly wait on the
# database. gunicorn reads WEB_CONCURRENCY itself; this is its default when unset.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1)))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # a long report PDF takes a few seconds
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then, against slow memory growth
max_requests_jitter = 200
preload_app = True  # import once, then fork: faster start, less memory
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

"""Production: every secret and host comes from the environment; refuses to start without them."""

import ipaddress
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def env_flag(name: str, *, default: bool) -> bool:
    """A yes/no setting from the environment: "true" (any case) is yes, anything else no."""
    return os.environ.get(name, "true" if default else "false").strip().lower() == "true"


if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable.")

DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The reverse proxies (addresses or networks) whose X-Forwarded-For and X-Forwarded-Proto are
# believed: the same variable gunicorn reads (deploy/gunicorn.conf.py). Sign-in lockouts are keyed
# on the client address they report (docs/deploy.md, "Reverse proxy"). "*" would let any client
# choose the address it is locked under: refused.
_proxies = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
TRUSTED_PROXIES = [proxy.strip() for proxy in _proxies.split(",") if proxy.strip()]
try:
    [ipaddress.ip_network(proxy, strict=False) for proxy in TRUSTED_PROXIES]
except ValueError as error:
    message = f"FORWARDED_ALLOW_IPS must list the proxies' addresses or networks: {error}"
    raise ImproperlyConfigured(message) from error

SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Cookies only over HTTPS, unless turned off explicitly (a stack measured over plain HTTP on a
# private network, as `make bench` does): never turn them off on a public address.
SESSION_COOKIE_SECURE = env_flag("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env_flag("CSRF_COOKIE_SECURE", default=True)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", default=True)
# An SMTP server that stops answering fails the send after this many seconds (retried later), so a
# worker never hangs with the messages it holds (lms/notifications/outbox.py, send_claimed).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))

# Several processes or instances share nothing in memory: sessions, login lockouts and data are in
# PostgreSQL. REDIS_URL adds a cache they all share (site settings, menus, course outlines,
# rendered lessons, and the session reads); without it each process caches for itself
# (home/site_cache.py says what that means for an edit).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "tounesna"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Media on S3-compatible object storage when a bucket is named (`pip install ".[s3]"`); the
# credentials are read from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY by boto3 itself.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "default_acl": None,  # the bucket stays private
            "querystring_auth": True,  # image addresses are signed and expire
            "file_overwrite": False,
        },
    }

"""Production settings for several instances: a shared cache with REDIS_URL, media on S3 when asked."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "import json; from django.conf import settings; "
    "print(json.dumps({'cache': settings.CACHES['default']['BACKEND'], "
    "'location': settings.CACHES['default'].get('LOCATION'), 'sessions': settings.SESSION_ENGINE, "
    "'media': settings.STORAGES['default'], 'static': settings.STORAGES['staticfiles']['BACKEND']}))"
)


def production_settings(**env: str) -> dict:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME", "DATABASE_URL"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="lms.settings.production", SECRET_KEY="x" * 50, **env)
    result = subprocess.run(
        [sys.executable, "-c", SHOW], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_redis_each_process_caches_alone_and_sessions_are_in_the_database():
    found = production_settings()
    assert found["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["sessions"] == "django.contrib.sessions.backends.db"
    assert found["media"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert found["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_redis_url_gives_a_shared_cache_and_cached_database_sessions():
    found = production_settings(REDIS_URL="redis://cache.internal:6379/1")
    assert found["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert found["location"] == "redis://cache.internal:6379/1"
    assert found["sessions"] == "django.contrib.sessions.backends.cached_db"


def test_a_bucket_name_puts_media_on_private_object_storage():
    found = production_settings(
        AWS_STORAGE_BUCKET_NAME="tounesna-media", AWS_S3_ENDPOINT_URL="https://s3.example.org"
    )
    assert found["media"]["BACKEND"] == "storages.backends.s3.S3Storage"
    options = found["media"]["OPTIONS"]
    assert options["bucket_name"] == "tounesna-media"
    assert options["endpoint_url"] == "https://s3.example.org"
    assert options["default_acl"] is None and options["querystring_auth"] is True

"""The floor: a fresh `wagtail start` project of the same Wagtail and Django, built for one run.

Built in a temporary directory (never committed; this script is its only source): the project
`wagtail start` writes, as it is (its middleware, its base template, its settings), plus only what a
measurement needs:

- the home app's page type gets a rich-text `body`, and its template shows the title and the body;
- production settings (`DEBUG = False`) on SQLite, with WhiteNoise (its middleware after
  `SecurityMiddleware`, compressed and content-hashed static files), as this site serves them;
- the benchmark's timing middleware (a copy of `bench/timing.py`), outermost, as in bench.settings;
- one page under the home page holding the lesson's words (its summary and the text of its body, one
  paragraph per block), and signed-in sessions of non-staff users.

It is then served by gunicorn with the same configuration as this site (`bench.server.gunicorn`).
"""

import html
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
NAME = "floor"
WSGI = f"{NAME}.wsgi:application"
SETTINGS = f"{NAME}.settings.bench"
PAGE_SLUG = "lesson"

SETTINGS_FILE = '''"""The floor's production settings for the benchmark (written by bench/floor.py)."""

import os

from .production import *  # noqa: F403

if os.environ.get("FLOOR_DATABASE_URL"):  # `python -m bench --floor-on-postgresql`
    import dj_database_url

    DATABASES = {{"default": dj_database_url.parse(os.environ["FLOOR_DATABASE_URL"])}}

SECRET_KEY = "floor-bench-only-not-a-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
MIDDLEWARE = [
    "{name}.timing.ServerTimingMiddleware",
    *MIDDLEWARE[:1],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"
LOGGING = {{"version": 1, "disable_existing_loggers": False, "root": {{"level": "WARNING"}}}}
'''

MODELS_FILE = """from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
"""

TEMPLATE_FILE = """{% extends "base.html" %}
{% load wagtailcore_tags %}
{% block content %}
<h1>{{ page.title }}</h1>
{{ page.body|richtext }}
{% endblock %}
"""

FILL_SCRIPT = """
import json, sys
from django.contrib.auth import get_user_model
from django.test import Client
from home.models import HomePage

given = json.loads(sys.stdin.read())
home = HomePage.objects.get(depth=2)
page = home.add_child(instance=HomePage(title=given["title"], slug="{slug}", body=given["body"]))
page.save_revision().publish()
User = get_user_model()
cookies = []
for number in range(given["sessions"]):
    user = User.objects.create_user(f"reader{{number}}", password=None)
    client = Client()
    client.force_login(user)
    cookies.append(client.cookies["sessionid"].value)
print(json.dumps({{"url": page.url, "cookies": cookies}}))
"""


@dataclass(frozen=True)
class Floor:
    root: Path
    url: str
    cookies: list[str]
    words: int


def environment(database_url: str = "") -> dict[str, str]:
    """What the floor's commands and server need: its settings, and its database when not SQLite."""
    return {"DJANGO_SETTINGS_MODULE": SETTINGS, "FLOOR_DATABASE_URL": database_url}


def _manage(root: Path, *args: str, stdin: str | None = None, database_url: str = "") -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=root,
        input=stdin,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", **environment(database_url)},
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"floor: manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def create(root: Path, *, database_url: str = "") -> Path:
    """`wagtail start` in `root`, adapted as above, migrated and its static files collected (a
    minute on two cores: run it while the site's data set is built). With `database_url`, on that
    (empty) database rather than SQLite."""
    root.mkdir(parents=True, exist_ok=True)
    wagtail = Path(sys.executable).with_name("wagtail")
    subprocess.run([str(wagtail), "start", NAME, str(root)], check=True, capture_output=True)
    (root / "home" / "models.py").write_text(MODELS_FILE)
    (root / "home" / "templates" / "home" / "home_page.html").write_text(TEMPLATE_FILE)
    (root / NAME / "settings" / "bench.py").write_text(SETTINGS_FILE.format(name=NAME))
    shutil.copy(BENCH / "timing.py", root / NAME / "timing.py")
    _manage(root, "makemigrations", "home", "--name", "body")
    _manage(root, "migrate", "--noinput", database_url=database_url)
    _manage(root, "collectstatic", "--noinput", "--verbosity=0")
    return root


_BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|figcaption|td|th|dt|dd|pre)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def paragraphs_of(body_html: str) -> list[str]:
    """The text of rendered blocks, one entry per paragraph, list item or heading."""
    text = _TAG.sub(" ", _BLOCK_END.sub("\n", body_html))
    lines = (" ".join(html.unescape(line).split()) for line in text.split("\n"))
    return [line for line in lines if line]


def word_count(paragraphs: list[str]) -> int:
    return sum(len(paragraph.split()) for paragraph in paragraphs)


def fill(root: Path, *, title: str, paragraphs: list[str], sessions: int, database_url: str = "") -> Floor:
    """The page holding the lesson's words, and `sessions` signed-in non-staff users."""
    body = "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs)
    given = json.dumps({"title": title, "body": body, "sessions": sessions})
    script = FILL_SCRIPT.format(slug=PAGE_SLUG)
    out = _manage(root, "shell", "--no-imports", "-c", script, stdin=given, database_url=database_url)
    made = json.loads(out.strip().splitlines()[-1])
    return Floor(root=root, url=made["url"], cookies=made["cookies"], words=word_count(paragraphs))

import hashlib
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.gzip import gzip_page

from .models import SiteSettings


def health(request):
    """For load balancers: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


DEFAULT_COLOUR = "#b4232a"


def theme_colour(request) -> str:
    """The site colour; the default one where no site answers the request's host."""
    try:
        return SiteSettings.for_request(request).primary_colour or DEFAULT_COLOUR
    except SiteSettings.DoesNotExist:
        return DEFAULT_COLOUR


SITE_STYLESHEET = "css/site.css"


@lru_cache(maxsize=1)
def _read_site_stylesheet() -> tuple[str, str]:
    text = Path(finders.find(SITE_STYLESHEET)).read_text(encoding="utf-8")
    return text, hashlib.sha256(text.encode()).hexdigest()


def _site_stylesheet() -> tuple[str, str]:
    """static/css/site.css and its digest, read once per process (at every use while DEBUG, for
    its editors)."""
    return _read_site_stylesheet.__wrapped__() if settings.DEBUG else _read_site_stylesheet()


def theme_version(colour: str) -> str:
    """A digest of the theme (the colour and the site stylesheet): its address changes with it,
    as a hashed static file's does."""
    return hashlib.sha256(f"{colour}\n{_site_stylesheet()[1]}".encode()).hexdigest()[:12]


@gzip_page
def theme_css(request):
    """The site's stylesheet: static/css/site.css, then the site colour from the site settings as CSS
    custom properties overriding its defaults (no inline style: CSP), in one request rather than
    two on every page.

    Pages link it as `/theme.css?v=<digest of the theme>` (`site_tags.theme_css_url`): that address
    is kept by browsers for a year, as WhiteNoise's hashed files are, and a new colour or stylesheet
    is a new address. Any other address of it (an old digest, none) is kept five minutes.
    """
    colour = theme_colour(request)
    css = f"{_site_stylesheet()[0]}\n:root {{ --ta-primary: {colour}; --bs-primary: {colour}; }}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    current = request.GET.get("v") == theme_version(colour)
    response["Cache-Control"] = "public, max-age=31536000, immutable" if current else "public, max-age=300"
    return response

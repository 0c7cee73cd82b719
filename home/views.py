import hashlib

from django.db import connection
from django.http import HttpResponse, JsonResponse

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


def theme_version(colour: str) -> str:
    """A digest of the theme: its address changes with it, as a hashed static file's does."""
    return hashlib.sha256(colour.encode()).hexdigest()[:12]


def theme_css(request):
    """The site colour from the site settings, as CSS custom properties (no inline style: CSP).

    Pages link it as `/theme.css?v=<digest of the colour>` (`site_tags.theme_css_url`): that address
    is kept by browsers for a year, as WhiteNoise's hashed files are, and a new colour is a new
    address. Any other address of it (an old digest, none) is kept five minutes.
    """
    colour = theme_colour(request)
    css = f":root {{ --ta-primary: {colour}; --bs-primary: {colour}; }}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    current = request.GET.get("v") == theme_version(colour)
    response["Cache-Control"] = "public, max-age=31536000, immutable" if current else "public, max-age=300"
    return response

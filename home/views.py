from django.db import connection
from django.http import HttpResponse, JsonResponse

from .models import SiteSettings


def health(request):
    """For load balancers: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def theme_css(request):
    """The site colour from the site settings, as CSS custom properties (no inline style: CSP)."""
    colour = SiteSettings.for_request(request).primary_colour or "#b4232a"
    css = f":root {{ --ta-primary: {colour}; --bs-primary: {colour}; }}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response

"""PDF documents rendered by WeasyPrint from HTML templates, with no outside request."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string

from home.languages import current_language

STATIC_PREFIX = "/static/"


def static_file(relative: str) -> str | None:
    """The file behind a /static/ address: collected (production's content-hashed names, such as
    css/pdf.92bd5dba7d7e.css, exist only there) or, in development, found in the apps."""
    try:
        if staticfiles_storage.exists(relative):
            return staticfiles_storage.path(relative)
        return finders.find(relative)
    except (NotImplementedError, SuspiciousFileOperation):
        return None


def local_static_fetcher():
    """A WeasyPrint fetcher that serves /static/ URLs from disk and refuses everything else."""
    from weasyprint.urls import URLFetcher

    class LocalStaticFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = url.split("://", 1)[-1]
            if STATIC_PREFIX in path:
                relative = path.split(STATIC_PREFIX, 1)[1].split("?", 1)[0]
                found = static_file(relative)
                if found:
                    return super().fetch(Path(found).as_uri(), headers)
            raise ValueError(f"Refused to fetch {url} while rendering a PDF")

    return LocalStaticFetcher(allowed_protocols=["file", "data", "http"])


def render_pdf(request, template_name: str, context: dict, filename: str) -> HttpResponse:
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    document = HTML(string=html, base_url="http://localhost/", url_fetcher=local_static_fetcher())
    response = HttpResponse(document.write_pdf(), content_type="application/pdf")
    language = current_language()
    response["Content-Disposition"] = f'inline; filename="{filename}-{language}.pdf"'
    return response

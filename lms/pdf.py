"""PDF documents rendered by WeasyPrint from HTML templates, with no outside request."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

STATIC_PREFIX = "/static/"


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
                found = finders.find(relative)
                if found:
                    return super().fetch(Path(found).as_uri(), headers)
            raise ValueError(f"Refused to fetch {url} while rendering a PDF")

    return LocalStaticFetcher(allowed_protocols=["file", "data", "http"])


def render_pdf(request, template_name: str, context: dict, filename: str) -> HttpResponse:
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    document = HTML(string=html, base_url="http://localhost/", url_fetcher=local_static_fetcher())
    response = HttpResponse(document.write_pdf(), content_type="application/pdf")
    language = translation.get_language() or "fr"
    response["Content-Disposition"] = f'inline; filename="{filename}-{language}.pdf"'
    return response

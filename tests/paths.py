"""Addresses in tests come from the URL names (`reverse`), never from typed paths: a route renamed
or moved keeps its tests. Literal paths stay only where the literal path is what a test checks
(routing, language prefixes, redirect targets a browser sees); each such test says so."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation


def path_to(name: str, *args, language: str = "fr", query: dict | None = None, **kwargs) -> str:
    """The path of the URL named `name` in `language` (the language prefix of `i18n_patterns`
    follows it; admin addresses have none), with `query` as its query string."""
    with translation.override(language):
        path = reverse(name, args=args or None, kwargs=kwargs or None)
    return f"{path}?{urlencode(query)}" if query else path


def page_path(page, language: str = "fr") -> str:
    """A Wagtail page's path in `language` (its translated slugs and language prefix)."""
    with translation.override(language):
        return page.get_url()


def home_path(language: str = "fr") -> str:
    """The home page's path in `language`: the language prefix alone."""
    return path_to("wagtail_serve", "", language=language)

"""Lesson bodies rendered once per content: the same blocks in the same language give the same HTML.

The cache key is a digest of the body's stored data, so an edited and published body is a new key
and never shows stale; the key also carries the glossary's version, which a saved glossary term or
funding-register entry moves on (courses/apps.py). What a block only refers to (an image's
renditions, a linked document's address) is not in the data: a change there shows within
BODY_CACHE_SECONDS.
"""

import hashlib
import json
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from home.languages import current_language

from .knowledge.glossary import annotate_terms, glossary_version
from .reading import reading_minutes

BODY_CACHE_SECONDS = 15 * 60
# Moved on when the blocks' or the glossary term's markup changes, so that a deployment sharing its
# cache (Redis) with the previous code never serves bodies marked up for the previous stylesheet.
MARKUP_VERSION = 3


@dataclass(frozen=True)
class RenderedBody:
    html: SafeString
    reading_minutes: int


def body_key(body, language: str, *, show_unverified: bool = False) -> str:
    data = json.dumps(list(body.raw_data), sort_keys=True, separators=(",", ":"), default=str)
    audience = ":editors" if show_unverified else ""
    digest = hashlib.sha256(data.encode()).hexdigest()
    return f"courses:body:m{MARKUP_VERSION}:{language}{audience}:g{glossary_version()}:{digest}"


def _render(body, *, show_unverified: bool) -> tuple[str, int]:
    # Each block with its own template, as `{% include_block %}` renders it. The one thing blocks
    # read from the context: whether unverified facts are shown (to trainers only).
    # Then the glossary's terms are marked up (courses.knowledge.glossary).
    context = {"show_unverified": show_unverified}
    html = "".join(child.render(context=context) for child in body)
    return str(annotate_terms(html, language=current_language())), reading_minutes(body)


def rendered_body(body, *, show_unverified: bool = False) -> RenderedBody:
    """The HTML of a StreamField body and its reading time, from the cache when already rendered.
    Unverified facts are in the HTML only with `show_unverified` (see courses.knowledge.facts)."""
    key = body_key(body, current_language(), show_unverified=show_unverified)
    found = cache.get(key)
    if found is None:
        found = _render(body, show_unverified=show_unverified)
        cache.set(key, found, BODY_CACHE_SECONDS)
    html, minutes = found
    return RenderedBody(mark_safe(html), minutes)  # rendered by the block templates, which escape

"""Cached reads of what changes only when someone edits the site: settings, menus, page trees.

Page-derived values are keyed on a content version that every saved or deleted page or site
replaces (the receivers below, connected in `HomeConfig.ready`); the site settings are cleared when
they are saved. With a shared cache (REDIS_URL) every process sees a change at once; with the
default per-process memory cache, another process may show the old value for up to CACHE_SECONDS.
"""

import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction

CACHE_SECONDS = 60
VERSION_KEY = "home:content-version"
_MISSING = object()


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY)
    return version


def page_tree_key(name: str) -> str:
    """A key for a value read from the page tree: it changes whenever a page is saved."""
    return f"{name}:v{content_version()}"


def settings_key(site_id: int) -> str:
    return f"home:site-settings:{site_id}"


def cached(key: str, load: Callable[[], Any]) -> Any:
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = load()
        cache.set(key, value, CACHE_SECONDS)
    return value


def menu_pages(site) -> list:
    """Live pages shown in menus, directly under the site's root page."""
    key = page_tree_key(f"home:menu-pages:{site.pk}")
    return cached(key, lambda: list(site.root_page.get_children().live().in_menu()))


def _now_and_on_commit(action: Callable[[], None]) -> None:
    # Now, for this process's own transaction, and again once committed, so that no other process
    # keeps a value it read in between.
    action()
    transaction.on_commit(action)


def _new_content_version() -> None:
    cache.set(VERSION_KEY, time.time_ns(), None)


def forget_changed(sender, instance, **kwargs) -> None:
    """post_save / post_delete receiver: what a saved page, site or site setting may change."""
    from wagtail.models import Page, Site

    from .models import SiteSettings

    if isinstance(instance, Page | Site):
        _now_and_on_commit(_new_content_version)
    if isinstance(instance, SiteSettings):
        key = settings_key(instance.site_id)
        _now_and_on_commit(lambda: cache.delete(key))

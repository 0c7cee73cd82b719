"""Cached reads of what changes only when someone edits the site: the site a request is for, its
settings, menus, page trees.

Page-derived values are keyed on a content version that every saved or deleted page or site
replaces (the receivers below, connected in `HomeConfig.ready`); the site settings are cleared when
they are saved. With a shared cache (REDIS_URL) every process sees a change at once; with the
default per-process memory cache, another process may show the old value for up to CACHE_SECONDS.
"""

import copy
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any

from django.core.cache import cache
from django.db import transaction

CACHE_SECONDS = 60
VERSION_KEY = "home:content-version"
_MISSING = object()

# Values under a content-versioned key, kept decoded in this process as well: such a key names the
# same value for as long as it is in use (a saved page makes new keys), so the copy is not stale,
# and a lesson is spared unpickling its course's fifty pages on every request. Entries expire as
# the shared cache's do, in case a version outlived a rolled-back change.
IN_PROCESS_ENTRIES = 256
_in_process: OrderedDict[str, tuple[float, Any]] = OrderedDict()


# The content version a request reads, set by `CachedSiteMiddleware` for the whole request: a page
# builds its keys from one version (not from one before a change and one after), and the shared
# cache is asked once, not some thirty times. A page saved during the request moves it on at once.
_request_version: ContextVar[int | None] = ContextVar("home_content_version", default=None)


def content_version() -> int:
    version = _request_version.get()
    if version is None:
        version = _shared_content_version()
    return version


def _shared_content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY)
    return version


def page_tree_key(name: str) -> str:
    """A key for a value read from the page tree: it changes whenever a page is saved."""
    return f"{name}:v{content_version()}"


def fragment_version(*, site_id: int | None, user) -> str:
    """What a cached fragment of the shared layout (`{% cache %}` in the header and footer) varies
    on besides the language: the content version (a saved page, site or site setting replaces
    it), the site, and the person's roles (they choose the menu's links). Roles are read from the
    database on every request, never from this cache: the fragment only says which menu they show.
    The signed-in person's name, the current page's other-language link and the CSRF token are not
    in any fragment."""
    from .roles import Role, has_role

    if not user.is_authenticated:
        roles = "anonymous"
    elif user.is_superuser:
        roles = "superuser"
    else:
        roles = ",".join(role.value for role in Role if has_role(user, role))
    return f"v{content_version()}:s{site_id}:{roles}"


def settings_key(site_id: int) -> str:
    return f"home:site-settings:{site_id}"


def cached(key: str, load: Callable[[], Any]) -> Any:
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = load()
        cache.set(key, value, CACHE_SECONDS)
    return value


def get_many_versioned(keys: list[str]) -> dict[str, Any]:
    """`cache.get_many` for keys made with the content version, decoded once per process."""
    now = time.monotonic()
    found = {}
    for key in keys:
        entry = _in_process.get(key)
        if entry is not None and entry[0] > now:
            found[key] = entry[1]
    missing = [key for key in keys if key not in found]
    if missing:
        read = cache.get_many(missing)
        remember_versioned(read)
        found.update(read)
    return found


def remember_versioned(values: dict[str, Any]) -> None:
    expires = time.monotonic() + CACHE_SECONDS
    for key, value in values.items():
        _in_process[key] = (expires, value)
        _in_process.move_to_end(key)
    while len(_in_process) > IN_PROCESS_ENTRIES:
        _in_process.popitem(last=False)


def forget_in_process() -> None:
    _in_process.clear()


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
    version = time.time_ns()
    cache.set(VERSION_KEY, version, None)
    if _request_version.get() is not None:
        _request_version.set(version)


def forget_changed(sender, instance, **kwargs) -> None:
    """post_save / post_delete receiver: what a saved page, site or site setting may change."""
    from wagtail.models import Page, Site

    from .models import SiteSettings

    if isinstance(instance, Page | Site):
        _now_and_on_commit(_new_content_version)
    if isinstance(instance, SiteSettings):
        key = settings_key(instance.site_id)
        _now_and_on_commit(lambda: cache.delete(key))
        _now_and_on_commit(_new_content_version)  # the header and footer fragments show them


def cached_from_page_tree(name: str, load: Callable[[], Any]) -> Any:
    """`load()`, kept under a key the content version names (a saved page or site replaces it) and
    decoded once per process. Nothing is kept for None: what is created later shows at once."""
    key = page_tree_key(name)
    value = _read_versioned(key)
    if value is None:
        value = load()
        if value is not None:
            _keep_versioned(key, value)
    return value


def _read_versioned(key: str) -> Any:
    found = get_many_versioned([key]).get(key)
    return found[0] if found is not None else None


def _keep_versioned(key: str, value: Any) -> None:
    _keep_all_versioned({key: (value,)})


def _keep_all_versioned(values: dict[str, Any]) -> None:
    """Values under content-versioned keys: in the shared cache, and decoded in this process."""
    cache.set_many(values, CACHE_SECONDS)
    remember_versioned(values)


def _page_key(model, pk: int, version: int) -> str:
    return f"home:page:{model._meta.label_lower}:{pk}:v{version}"


def pages_from_page_tree(model, ids: Iterable[int]) -> dict[int, Any]:
    """Pages of `model` by id, read once per content version (one query for those not kept yet)
    and kept decoded in this process: a page's content, the same for every visitor. Whether a
    visitor may see a page (live, enrolled, restricted) is the caller's query, never this cache;
    callers use the pages as they are, or change a copy."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    version = content_version()
    keys = {pk: _page_key(model, pk, version) for pk in wanted}
    found = get_many_versioned(list(keys.values()))
    missing = [pk for pk in wanted if keys[pk] not in found]
    if missing:
        read = {keys[page.pk]: page for page in model._default_manager.filter(pk__in=missing)}
        _keep_all_versioned(read)
        found.update(read)
    return {pk: found[keys[pk]] for pk in wanted if keys[pk] in found}


def keep_page_in_page_tree(page) -> None:
    """Keep `page`, just read whole from the database, for `pages_from_page_tree` (a copy: the
    caller goes on using its own instance)."""
    _keep_all_versioned({_page_key(type(page), page.pk, content_version()): copy.copy(page)})


def read_from_page_tree(name: str) -> Any:
    """What `keep_from_page_tree` kept under `name` at this content version, or None."""
    return _read_versioned(page_tree_key(name))


def keep_from_page_tree(name: str, value: Any) -> None:
    """Keep `value` (not None) under `name` until the content version moves on (at most
    CACHE_SECONDS), decoded once per process."""
    _keep_versioned(page_tree_key(name), value)


def site_for_request(request):
    """Wagtail's `Site.find_for_request`, read from the cache under the content version (a saved
    site or page replaces it) instead of a query on every request: the site is configuration,
    not access, and its root page is what every address is routed from."""
    from django.http.request import split_domain_port
    from wagtail.models import Site
    from wagtail.models.sites import get_site_for_hostname

    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()

    def load():
        try:
            site = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            return None
        site.root_page  # read now, kept with the site  # noqa: B018
        return site

    return cached_from_page_tree(f"home:site:{hostname}:{port}", load)


class CachedSiteMiddleware:
    """Reads the content version once for the request (`content_version`), and gives Wagtail the
    request's site from `site_for_request`, where `Site.find_for_request` would otherwise read it
    from the database on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_version.set(_shared_content_version())
        try:
            request._wagtail_site = site_for_request(request)
            return self.get_response(request)
        finally:
            _request_version.reset(token)

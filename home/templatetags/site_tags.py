import posixpath
from dataclasses import dataclass
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from wagtail.models import Page

from .language_tags import percent

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool

    @property
    def direction(self) -> str:
        from home.languages import direction

        return direction(self.code)


def route_remainder(*, path: str, page_url: str | None) -> str:
    """What `path` adds after the page's own address: a routable page's sub-route ("attempt/12/"),
    or "" when the path is the page itself or is not under it."""
    page_path = urlsplit(page_url or "").path
    if page_path and path.startswith(page_path):
        return path[len(page_path) :]
    return ""


def translated_url(request, lang: str, page: Page | None = None, *, page_url: str | None = None) -> str:
    """The address of what the visitor is looking at, in `lang` (translated page slugs included),
    with the sub-route of a routable page (a quiz attempt) and the query string kept. `page_url`:
    the page's address in the current language, when the caller already has it."""
    if page is not None and isinstance(page, Page):
        if page_url is None:
            page_url = page.get_url(request=request)
        remainder = route_remainder(path=request.path, page_url=page_url)
        with translation.override(lang):
            url = page.get_url(request=request)
        if url:
            query = request.META.get("QUERY_STRING", "")
            return url + remainder + (f"?{query}" if query else "")
    return translate_url(request.get_full_path(), lang)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """The site's languages, each with the address of this page in it; the current language's
    address is the request's own."""
    request = context.get("request")
    if request is None:
        return []
    current = translation.get_language()
    page = context.get("page") or context.get("self")
    page = page if isinstance(page, Page) else None
    page_url = page.get_url(request=request) if page is not None else None
    return [
        LanguageLink(
            code=code,
            name=translation.get_language_info(code)["name_local"],
            url=request.get_full_path()
            if code == current
            else translated_url(request, code, page, page_url=page_url),
            is_current=code == current,
        )
        for code, _name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def menu_pages(context) -> list[Page]:
    """Live pages shown in menus, directly under the site's home page (cached: home.site_cache)."""
    from wagtail.models import Site

    from home.site_cache import menu_pages as cached_menu_pages

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    return cached_menu_pages(site)


@register.simple_tag(takes_context=True)
def layout_fragment_version(context) -> str:
    """The key part of the header's and footer's cached fragments (home.site_cache.fragment_version)."""
    from wagtail.models import Site

    from home.site_cache import fragment_version

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    user = context.get("user") or getattr(request, "user", None)
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    return fragment_version(site_id=getattr(site, "pk", None), user=user)


@register.filter
def can_use_admin(user) -> bool:
    """Trainers and approvers work in the Wagtail admin (no permission query: roles are cached)."""
    from home.roles import ADMIN_USERS, has_role

    return has_role(user, *ADMIN_USERS)


@register.filter
def can_review(user) -> bool:
    """The task force and trainers read results in the review area of the public site."""
    from home.roles import REVIEWERS, has_role

    return has_role(user, *REVIEWERS)


@register.simple_tag(takes_context=True)
def nav_links(context, place: str) -> list:
    """The links the apps registered for `place` (home.navigation): `{% nav_links "main" as links %}`."""
    from home.navigation import Place, links

    request = context.get("request")
    return links(place=Place(place), request=request) if request is not None else []


@register.simple_tag(takes_context=True)
def nav_link(context, place: str):
    """The first link of `place`, or None: `{% nav_link "search" as search %}`."""
    from home.navigation import Place, first_link

    request = context.get("request")
    return first_link(place=Place(place), request=request) if request is not None else None


@register.filter
def audience(user) -> str:
    """Who reads a notice: "trainee", "trainer" or "staff" (home.roles.audience)."""
    from home.roles import audience as audience_of

    return audience_of(user=user).value


@register.simple_tag(takes_context=True)
def theme_css_url(context) -> str:
    """The theme stylesheet's address, versioned by the site colour (home.views.theme_css)."""
    from django.urls import reverse

    from home.views import theme_colour, theme_version

    request = context.get("request")
    colour = theme_colour(request) if request is not None else ""
    return f"{reverse('theme_css')}?v={theme_version(colour)}"


@register.filter
def display_name(user) -> str:
    """A person's name as every page, PDF and e-mail gives it (home.people.display_name)."""
    from home.people import display_name as name_of

    return name_of(user) if user is not None else ""


PROGRESS_BAR = (
    '<div class="progress-wrap">'
    '<progress class="progress-meter" value="{}" max="100" aria-label="{}"></progress>'
    '<span class="progress-text small">{}</span></div>'
)


@register.simple_tag
def progress_bar(value: int, label: str) -> SafeString:
    """A progress meter named `label` for screen readers, with the percentage written beside it."""
    shown = percent(value)
    # The message escaped, the value safe: as {% blocktranslate %} would write it.
    done = mark_safe(escape(gettext("%(value)s completed")) % {"value": shown})
    return format_html(PROGRESS_BAR, value, label, done)


def relative_url(url: str, *, from_path: str) -> str:
    """`url`, an address on this site ("/fr/formations/c/m/lecon-2/"), written from the page at
    `from_path` ("/fr/formations/c/m/lecon-1/" → "../lecon-2/"). A course step links to its
    neighbours some twenty times (outline, navigation, breadcrumb), and the shared beginning of
    those addresses was a tenth of a lesson's markup. An address with a scheme or a host, or
    without a path from the site's root, is kept as it is."""
    if not url.startswith("/") or url.startswith("//") or not from_path.startswith("/"):
        return url
    path, marker, fragment = url.partition("#")
    written = posixpath.relpath(path, from_path.rsplit("/", 1)[0] or "/")
    if written == ".":
        written = "./"
    elif path.endswith("/"):
        written += "/"
    return written + marker + fragment


def links_written_from(request) -> str:
    """The path a page's links are written from (`relative_url`): the request's, but none in a
    Wagtail preview, whose request has the page's path while the browser shows the admin's
    address (links written from it would lead into the admin): there links stay whole."""
    if request is None or getattr(request, "is_preview", False):
        return ""
    return request.path


@register.filter
def relative_to(url: str, request) -> str:
    """`relative_url` in a template, from the page shown: `{{ step.url|relative_to:request }}`."""
    return relative_url(url or "", from_path=links_written_from(request))

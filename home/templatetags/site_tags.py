from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool


def translated_url(request, lang: str, page: Page | None = None) -> str:
    """The address of what the visitor is looking at, in `lang` (translated page slugs included)."""
    if page is not None and isinstance(page, Page):
        with translation.override(lang):
            url = page.get_url(request=request)
        if url:
            remainder = getattr(request, "routable_remainder", "")
            return url + remainder
    return translate_url(request.get_full_path(), lang)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    request = context.get("request")
    if request is None:
        return []
    current = translation.get_language()
    page = context.get("page") or context.get("self")
    return [
        LanguageLink(
            code=code,
            name=translation.get_language_info(code)["name_local"],
            url=translated_url(request, code, page if isinstance(page, Page) else None),
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


@register.filter
def can_use_admin(user) -> bool:
    """Trainers and approvers work in the Wagtail admin (no permission query: roles are cached)."""
    from home.roles import Role, has_role

    return has_role(user, Role.TRAINER, Role.OTE_APPROVER)


@register.filter
def can_review(user) -> bool:
    """The task force and trainers read results in the review area of the public site."""
    from home.roles import Role, has_role

    return has_role(user, Role.TASK_FORCE, Role.TRAINER)


@register.simple_tag(takes_context=True)
def theme_css_url(context) -> str:
    """The theme stylesheet's address, versioned by the site colour (home.views.theme_css)."""
    from django.urls import reverse

    from home.views import theme_colour, theme_version

    request = context.get("request")
    colour = theme_colour(request) if request is not None else ""
    return f"{reverse('theme_css')}?v={theme_version(colour)}"

"""The site's navigation, filled by the apps built on `home`.

The header, the menu and the footer belong to every page, so their templates sit at the bottom of
the house; the pages they link to (the learning path, the review area, the privacy notice...) belong
to the apps above. Those apps register their links here, by place, and the templates ask for the
links of a place; `home` never names their URLs.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.http import HttpRequest


class Place(StrEnum):
    MAIN = "main"  # the main menu, after the home page and the menu pages
    ACCOUNT = "account"  # the signed-in person's menu, before "change my password" and "log out"
    FOOTER = "footer"  # under the organisation's name
    SEARCH = "search"  # where the header's search box sends its query (the first link)
    HOME_OF_WORK = "home_of_work"  # where a person's work starts ("back to my learning path")


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str


LinkProvider = Callable[[HttpRequest], list[NavLink]]
_providers: dict[Place, list[LinkProvider]] = {place: [] for place in Place}


def register_links(place: Place) -> Callable[[LinkProvider], LinkProvider]:
    """Decorator: `provider(request)` returns the links it adds to `place` for this request."""

    def register(provider: LinkProvider) -> LinkProvider:
        if provider not in _providers[place]:
            _providers[place].append(provider)
        return provider

    return register


def links(*, place: Place, request: HttpRequest) -> list[NavLink]:
    return [link for provider in _providers[place] for link in provider(request)]


def first_link(*, place: Place, request: HttpRequest) -> NavLink | None:
    found = links(place=place, request=request)
    return found[0] if found else None

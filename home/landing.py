"""Where a signed-in person's work starts, offered on the home page.

The home page cannot know the pages of the apps built on it, so the app that decides where each role
lands (`lms.landing`) registers one provider here; `home` never imports it.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class LandingAction:
    label: str
    url: str


LandingProvider = Callable[..., list[LandingAction]]
_providers: list[LandingProvider] = []


def register_landing_provider(provider: LandingProvider) -> LandingProvider:
    """`provider(*, user, request)` returns the actions offered to `user`, the main one first."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def landing_actions(*, user, request) -> list[LandingAction]:
    """Nothing for anonymous visitors: they keep the public home page."""
    if not user.is_authenticated:
        return []
    return [action for provider in _providers for action in provider(user=user, request=request)]

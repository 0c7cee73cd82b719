"""Links that only trainers see on a course step (e.g. the lesson's facilitator notes).

Courses do not know where those pages live: an app registers a provider with
`register_trainer_link_provider`. A provider receives the request and the step page and returns the
`TrainerLink`s the user may follow, or nothing. The lesson view calls every provider on each visit,
so a provider must decide from the user's roles (read once per request, `home.roles.has_role`) before
reading anything else, and read at most one query for those it serves: a trainee costs nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class TrainerLink:
    label: str
    url: str


TrainerLinkProvider = Callable[..., list[TrainerLink]]
_providers: list[TrainerLinkProvider] = []


def register_trainer_link_provider(provider: TrainerLinkProvider) -> TrainerLinkProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def trainer_links(*, request, page) -> list[TrainerLink]:
    """What the providers offer this user on this step (nothing for an anonymous visitor)."""
    if not request.user.is_authenticated:
        return []
    return [link for provider in _providers for link in provider(request=request, page=page)]

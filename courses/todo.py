"""The trainee's "to do" list. Apps contribute items through `register_todo_provider`.

A provider is a function taking the user and returning `TodoItem`s; it must issue a fixed number
of queries whatever the data size, since the dashboard calls every provider on each visit.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

TodoProvider = Callable[..., list["TodoItem"]]
_providers: list[TodoProvider] = []


@dataclass(frozen=True)
class TodoItem:
    title: str
    url: str
    kind: str
    due: datetime | None = None


def register_todo_provider(provider: TodoProvider) -> TodoProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def todo_items(*, user) -> list[TodoItem]:
    items = [item for provider in _providers for item in provider(user=user)]
    return sorted(items, key=lambda item: (item.due is None, item.due or datetime.max))

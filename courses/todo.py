"""The trainee's "to do" list. Apps contribute items through `register_todo_provider`.

A provider is a function taking the user and their progress in the courses they are enrolled in
(`progress`: the `CourseProgress` the dashboard has already read, from the database, in this
request) and returning `TodoItem`s; it must issue a fixed number of queries whatever the data size,
since the dashboard calls every provider on each visit, and reads from `progress` what it holds
rather than asking again.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from .progress import CourseProgress

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


def todo_items(*, user, progress: Sequence[CourseProgress]) -> list[TodoItem]:
    items = [item for provider in _providers for item in provider(user=user, progress=progress)]
    return sorted(items, key=lambda item: (item.due is None, item.due or datetime.max))

"""The registry of triggers: each trigger is a class saying who hears, when, and what.

A trigger has a `key` (stored on each message: never rename it), a `template` (the e-mail's three
parts in `templates/lms/notifications/`: `<template>_subject.txt`, `<template>.txt`,
`<template>.html`, each extending the formal letter), and `occurrences(now=...)`, which yields one
`Occurrence` per message due: the recipient, the object (`"quiz:12"`), the occasion (`"3d"`), the
template's context and the link. The outbox records each (recipient, trigger, object, occasion)
once, so `occurrences` may yield the same message at every run: it is sent once.

To plug in a new trigger (an assignment due, feedback returned, a check-in due), write one class in
your own module and register it, e.g. in your app's `AppConfig.ready()`:

    from lms.notifications.triggers import Occurrence, Trigger, register_trigger

    @register_trigger
    class CheckInDue(Trigger):
        key = "checkin_due"
        template = "checkin_due"  # templates/lms/notifications/checkin_due{_subject.txt,.txt,.html}

        def occurrences(self, *, now):
            for checkin in CheckIn.objects.filter(...):
                yield Occurrence(recipient=checkin.trainee, object_key=f"checkin:{checkin.pk}",
                                 occasion="1d", context={"checkin": checkin}, link=checkin.url)

`periodic = False` marks a trigger only an action sets off (the trainer's reminder), never the
periodic command. Recipients need not be filtered for erasure, consent or preferences: the outbox
applies `lms.notifications.recipients` to every message.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

_registry: dict[str, "Trigger"] = {}


@dataclass(frozen=True)
class Occurrence:
    recipient: object
    object_key: str
    occasion: str
    context: dict = field(default_factory=dict)
    # A path or URL, or a function giving it, called in the recipient's language.
    link: str | Callable[[], str] = ""
    # A function giving an iCalendar attachment in the recipient's language, or None.
    ics: Callable[[], str] | None = None


class Trigger:
    key: str = ""
    template: str = ""
    periodic: bool = True

    def occurrences(self, *, now: datetime) -> Iterable[Occurrence]:
        raise NotImplementedError


def register_trigger(cls: type[Trigger]) -> type[Trigger]:
    if not cls.key or not cls.template:
        raise ValueError(f"{cls.__name__} needs a key and a template")
    _registry[cls.key] = cls()
    return cls


def trigger(key: str) -> Trigger:
    return _registry[key]


def periodic_triggers() -> list[Trigger]:
    return [found for found in _registry.values() if found.periodic]


def all_triggers() -> list[Trigger]:
    return list(_registry.values())


# Reminders before a deadline or a date: "in 3 days" then "in 1 day". A run that comes late sends
# only the nearest one still ahead; a run after the moment sends nothing.
@dataclass(frozen=True)
class Ahead:
    occasion: str
    within: timedelta


def reminder_ahead(*, moment: datetime, now: datetime, steps: tuple[Ahead, ...]) -> str | None:
    """The occasion of the reminder due at `now` for `moment` (steps from the farthest), or None."""
    if moment <= now:
        return None
    remaining = moment - now
    due = None
    for step in steps:
        if remaining <= step.within:
            due = step.occasion
    return due


DEADLINE_STEPS = (Ahead("3d", timedelta(days=3)), Ahead("1d", timedelta(days=1)))
WORKSHOP_STEPS = (Ahead("7d", timedelta(days=7)), Ahead("1d", timedelta(days=1)))

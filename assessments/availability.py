"""Is a quiz or a questionnaire open now? One rule, as a test on one page and as a query filter.

A page with an opening date is open from that moment; a page with a closing date is open until
just before it (the closing moment itself is closed). Either date may be empty. The dates read are
the page's current ones: a trainer who moves the closing date moves it for every attempt and
draft already under way.

Answers that reach the server a little after a deadline (network, clock drift) still count for
`DEADLINE_GRACE`; what depends on the quiz being over for good (showing the correct answers "after
the quiz closes") waits until that grace has passed too, so that no attempt can still be submitted
once the answers can be read.
"""

from datetime import datetime, timedelta

from django.db.models import Q

DEADLINE_GRACE = timedelta(seconds=30)


def is_open(*, opens_at: datetime | None, closes_at: datetime | None, now: datetime) -> bool:
    return (opens_at is None or opens_at <= now) and (closes_at is None or now < closes_at)


def open_filter(*, now: datetime, prefix: str = "") -> Q:
    """`is_open` as a query filter on a model with `opens_at` and `closes_at` (behind `prefix`)."""
    return (Q(**{f"{prefix}opens_at__isnull": True}) | Q(**{f"{prefix}opens_at__lte": now})) & (
        Q(**{f"{prefix}closes_at__isnull": True}) | Q(**{f"{prefix}closes_at__gt": now})
    )


def is_past(deadline: datetime | None, *, now: datetime) -> bool:
    """Whether `deadline` is over for good, its grace included (no deadline is never over)."""
    return deadline is not None and now > deadline + DEADLINE_GRACE


def is_closed_for_good(*, closes_at: datetime | None, now: datetime) -> bool:
    """The quiz or questionnaire has closed and nothing can be submitted any more, even late."""
    return is_past(closes_at, now=now)

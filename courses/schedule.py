"""Is a trainee behind schedule? Their progress against the share of the cohort's period gone by.

One home for the rule: the progress matrix's "behind schedule" filter and flags, and the trainer's
"who needs a nudge" board, read it (a cohort without a start and a later end has no schedule).
"""

from datetime import date

from .progress import percent

# Percentage points of leeway before a trainee counts as behind: a week's slack on a four-month cohort.
BEHIND_MARGIN = 10


def expected_percent(*, cohort, today: date) -> int | None:
    """The progress expected of a trainee by `today`, on a straight pace from the cohort's start
    (0 %) to its end (100 %), rounded down as every progress percentage; None without both dates."""
    start, end = cohort.start_date, cohort.end_date
    if start is None or end is None or end <= start:
        return None
    elapsed = min(max((today - start).days, 0), (end - start).days)
    return percent(elapsed, (end - start).days)


def is_behind(*, percent: int, expected: int | None) -> bool:
    """More than the leeway below the pace; never when the cohort has no schedule."""
    return expected is not None and percent + BEHIND_MARGIN < expected

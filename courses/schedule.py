"""Is a trainee behind schedule? Their progress against the share of the cohort's period gone by.

One home for the rule: the trainer's "who needs a nudge" board reads it, and the progress matrix's
"behind schedule" filter should read the same (a cohort without both dates has no schedule).
"""

from datetime import date

# Percentage points of leeway before a trainee counts as behind: a week's slack on a four-month cohort.
BEHIND_MARGIN = 10


def expected_percent(*, cohort, today: date) -> int | None:
    """The progress the cohort's calendar expects by `today` (0 before the start, 100 after the end)."""
    start, end = cohort.start_date, cohort.end_date
    if start is None or end is None or end <= start:
        return None
    if today <= start:
        return 0
    if today >= end:
        return 100
    return round((today - start).days * 100 / (end - start).days)


def is_behind(*, percent: int, expected: int | None) -> bool:
    return expected is not None and percent + BEHIND_MARGIN < expected

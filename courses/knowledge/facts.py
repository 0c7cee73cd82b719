"""Verified facts: a figure or a date the course teaches, with its source and when it was checked.

A fact is verified, partly verified or unverified. Trainees never see an unverified fact (it is not
in their HTML, nor in search excerpts); trainers see it, marked, and find every fact whose re-check
date has passed on their dashboard.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from home.languages import language_codes, localized, text_attributes
from home.roles import Role, has_role


class FactStatus(models.TextChoices):
    VERIFIED = "verified", _("Verified")
    PARTLY_VERIFIED = "partly", _("Partly verified")
    UNVERIFIED = "unverified", _("Unverified")


def source_missing(*, status: str, source_url: str) -> bool:
    """The rule of the register and of lessons alike: "verified" requires a source address."""
    return status == FactStatus.VERIFIED and not source_url


def shown_to_trainees(*, status: str) -> bool:
    return status != FactStatus.UNVERIFIED


def may_see_unverified_facts(*, user) -> bool:
    """Trainers (who keep the content true) see unverified facts; nobody else does."""
    return has_role(user, Role.TRAINER)


def is_due(*, recheck_by: datetime.date | None, today: datetime.date) -> bool:
    """Due for a re-check: its re-check date has passed (the day itself is still on time)."""
    return recheck_by is not None and recheck_by < today


@dataclass(frozen=True)
class FactToRecheck:
    lesson: models.Model
    language: str
    statement: str
    status: str
    recheck_by: datetime.date | None

    @property
    def attrs(self) -> dict[str, str]:
        return text_attributes(self.language)


def _as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.date) or value is None:
        return value
    return datetime.date.fromisoformat(value) if value else None


def facts_to_recheck(*, today: datetime.date, lessons=None) -> list[FactToRecheck]:
    """The lessons' facts whose re-check date has passed, or that have none and are not verified,
    the most overdue first. Reads the stored block data: nothing is rendered."""
    from ..models import LessonPage

    lessons = LessonPage.objects.all() if lessons is None else lessons
    found = []
    for lesson in lessons.order_by("path"):
        for language in language_codes():
            body = getattr(lesson, localized("body", language))
            for block in body.raw_data if body else []:
                if block.get("type") != "verified_fact":
                    continue
                value = block["value"]
                recheck_by = _as_date(value.get("recheck_by"))
                unchecked = recheck_by is None and value.get("status") != FactStatus.VERIFIED
                if unchecked or is_due(recheck_by=recheck_by, today=today):
                    statement = value.get("statement", "")
                    found.append(FactToRecheck(lesson, language, statement, value["status"], recheck_by))
    return sorted(found, key=lambda fact: (fact.recheck_by or datetime.date.min, fact.lesson.path))

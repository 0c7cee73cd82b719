"""Certificates: who may get one, issuing it once, and verifying a code."""

import re
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from courses.access import enrolled_courses
from courses.models import CoursePage
from courses.progress import courses_progress

from .models import Attendance, AttendanceStatus, Certificate, Workshop
from .plans import held_filter

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed without confusion
CODE_PATTERN = re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_code(text: str) -> str:
    compact = re.sub(r"[^A-Za-z0-9]", "", text or "").upper()[:12]
    return f"{compact[:4]}-{compact[4:8]}-{compact[8:]}" if len(compact) == 12 else compact


def verify(text: str) -> Certificate | None:
    code = normalise_code(text)
    if not CODE_PATTERN.match(code):
        return None
    return Certificate.objects.filter(code=code).first()


@dataclass(frozen=True)
class Eligibility:
    course: CoursePage | None
    workshop: Workshop | None
    completed_on: object


def eligible_items(*, user) -> list[Eligibility]:
    """Completed courses and attended workshops (present or late) that have been held.

    Reads the course structure from the database, not the cache: a certificate must count a step
    published a second ago.
    """
    courses = enrolled_courses(user)
    items = [
        Eligibility(progress.course, None, progress.completed_at.date())
        for progress in courses_progress(user=user, courses=courses, from_cache=False)
        if progress.is_complete
    ]
    attended = Attendance.objects.filter(
        held_filter(prefix="workshop__"),
        trainee=user,
        status__in=[AttendanceStatus.PRESENT, AttendanceStatus.LATE],
    ).select_related("workshop")
    items += [Eligibility(None, a.workshop, a.workshop.starts_at.date()) for a in attended]
    return items


def _titles(item: Eligibility) -> dict[str, str]:
    source = item.course or item.workshop
    titles = {}
    for language in ("fr", "ar"):
        with translation.override(language):
            titles[f"title_{language}"] = source.title
    return titles


@transaction.atomic
def issue(*, user, item: Eligibility) -> Certificate:
    """The user's certificate for this course or workshop, created on first request."""
    lookup = {"course": item.course} if item.course else {"workshop": item.workshop}
    existing = Certificate.objects.filter(user=user, **lookup).first()
    if existing:
        return existing
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Certificate.objects.create(
                    user=user,
                    code=new_code(),
                    holder_name=user.get_full_name() or user.get_username(),
                    completed_on=item.completed_on,
                    issued_on=timezone.localdate(),
                    **lookup,
                    **_titles(item),
                )
        except IntegrityError:
            existing = Certificate.objects.filter(user=user, **lookup).first()
            if existing:
                return existing
    raise RuntimeError("Could not draw a unique certificate code")

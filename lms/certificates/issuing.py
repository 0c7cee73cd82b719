"""Certificates: who may get one, issuing it once, and verifying a code.

A certificate is a record: at issue it takes a snapshot of what it certifies (titles, completion
date, hours, competences, in every language) and is rendered and verified from that snapshot only.
Once issued it is downloaded from its row, whatever the course or the trainee's progress becomes.
"""

import re
import secrets
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from courses.access import enrolled_courses
from courses.models import CoursePage
from courses.progress import courses_progress
from home.languages import default_language, language_codes, localized
from home.people import display_name

from ..models import (
    Attendance,
    AttendanceStatus,
    Certificate,
    CertificateCompetence,
    CertificateKind,
    CertificateTier,
    Workshop,
)
from ..training.plans import held_filter

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
    completed_on: date


def eligible_items(*, user) -> list[Eligibility]:
    """Completed courses (their recorded completion) and attended workshops (present or late) that
    have been held.

    Reads the courses and their structure from the database, not the cache: a course whose last
    step was completed a second ago counts, and the certificate states the course as it is now.
    """
    courses = enrolled_courses(user, from_cache=False)
    items = [
        Eligibility(progress.course, None, timezone.localtime(progress.completed_at).date())
        for progress in courses_progress(user=user, courses=courses, from_cache=False)
        if progress.is_complete
    ]
    attended = Attendance.objects.filter(
        held_filter(prefix="workshop__"),
        trainee=user,
        status__in=[AttendanceStatus.PRESENT, AttendanceStatus.LATE],
    ).select_related("workshop")
    items += [
        Eligibility(None, a.workshop, timezone.localtime(a.workshop.starts_at).date()) for a in attended
    ]
    return items


def _snapshot(item: Eligibility) -> dict:
    """What the certificate states of its course or workshop, in every language."""
    source = item.course or item.workshop
    fields = {
        "kind": CertificateKind.COURSE if item.course else CertificateKind.WORKSHOP,
        "tier": CertificateTier.ACHIEVEMENT if item.course else CertificateTier.PARTICIPATION,
        "hours": source.duration_hours,
    }
    # Each language's own title, empty where it has none (the certificate then shows the fallback,
    # marked with its language, as the site does), and the base column in the default language.
    for language in language_codes():
        fields[localized("title", language)] = getattr(source, localized("title", language)) or ""
    with translation.override(default_language()):
        fields["title"] = source.title
    return fields


def _competences(item: Eligibility) -> list[dict]:
    if item.course is None:
        return []
    competences = []
    for competence in item.course.competences.all():
        names = {
            localized("name", language): getattr(competence, localized("name", language)) or ""
            for language in language_codes()
        }
        with translation.override(default_language()):
            names["name"] = competence.name
        competences.append({"key": competence.key, **names})
    return competences


def _create(*, user, item: Eligibility, lookup: dict) -> Certificate:
    certificate = Certificate.objects.create(
        user=user,
        code=new_code(),
        holder_name=display_name(user),
        completed_on=item.completed_on,
        issued_on=timezone.localdate(),
        **lookup,
        **_snapshot(item),
    )
    CertificateCompetence.objects.bulk_create(
        CertificateCompetence(certificate=certificate, position=position, **competence)
        for position, competence in enumerate(_competences(item), start=1)
    )
    return certificate


@transaction.atomic
def issue(*, user, item: Eligibility) -> Certificate:
    """The user's certificate for this course or workshop, created (with its snapshot) on first request."""
    lookup = {"course": item.course} if item.course else {"workshop": item.workshop}
    existing = Certificate.objects.filter(user=user, **lookup).first()
    if existing:
        return existing
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return _create(user=user, item=item, lookup=lookup)
        except IntegrityError:
            existing = Certificate.objects.filter(user=user, **lookup).first()
            if existing:
                return existing
    raise RuntimeError("Could not draw a unique certificate code")


def certificate_for(
    *, user, course_id: int | None = None, workshop_id: int | None = None
) -> Certificate | None:
    """The user's certificate for this course or workshop: the one issued, as it was issued (whatever
    the course or the progress became since); else, if the user is eligible now, issued now."""
    lookup = {"course_id": course_id} if course_id is not None else {"workshop_id": workshop_id}
    existing = Certificate.objects.filter(user=user, **lookup).first()
    if existing:
        return existing
    item = next(
        (
            item
            for item in eligible_items(user=user)
            if (item.course is not None and item.course.pk == course_id)
            or (item.workshop is not None and item.workshop.pk == workshop_id)
        ),
        None,
    )
    return issue(user=user, item=item) if item else None


def issued_certificate(*, user, code: str) -> Certificate | None:
    """One of the user's issued certificates, by its code."""
    return Certificate.objects.filter(user=user, code=normalise_code(code)).first()


def snapshot_title(certificate: Certificate, language: str) -> str:
    """The certificate's title as issued, in `language` (else in the default language)."""
    return getattr(certificate, localized("title", language), "") or getattr(
        certificate, localized("title", default_language())
    )


@dataclass(frozen=True)
class CertificateEntry:
    """A line of "My certificates": a certificate issued, or one the trainee may now download."""

    title: str
    completed_on: date
    url: str
    issued: bool


def certificate_entries(*, user) -> list[CertificateEntry]:
    """The user's issued certificates (from their rows, as issued) and the courses and workshops that
    newly entitle them to one, in order of completion; titles in the active language."""
    language = translation.get_language()
    issued = list(Certificate.objects.filter(user=user).order_by("completed_on", "pk"))
    entries = [
        CertificateEntry(
            snapshot_title(certificate, language),
            certificate.completed_on,
            reverse("lms:certificate_pdf", args=[certificate.code]),
            True,
        )
        for certificate in issued
    ]
    courses = {certificate.course_id for certificate in issued if certificate.course_id}
    workshops = {certificate.workshop_id for certificate in issued if certificate.workshop_id}
    for item in eligible_items(user=user):
        if item.course is not None and item.course.pk not in courses:
            url = reverse("lms:course_certificate", args=[item.course.pk])
        elif item.workshop is not None and item.workshop.pk not in workshops:
            url = reverse("lms:workshop_certificate", args=[item.workshop.pk])
        else:
            continue
        entries.append(CertificateEntry((item.course or item.workshop).title, item.completed_on, url, False))
    return sorted(entries, key=lambda entry: entry.completed_on)

"""Certificates: who may have one, issuing it as a record (a snapshot of what it states), its PDF and
its public verification. Rules in `issuing`, views in `views`."""

from .issuing import (
    CertificateEntry,
    Eligibility,
    certificate_entries,
    certificate_for,
    eligible_items,
    issue,
    issued_certificate,
    normalise_code,
    snapshot_title,
    verify,
)

__all__ = [
    "CertificateEntry",
    "Eligibility",
    "certificate_entries",
    "certificate_for",
    "eligible_items",
    "issue",
    "issued_certificate",
    "normalise_code",
    "snapshot_title",
    "verify",
]

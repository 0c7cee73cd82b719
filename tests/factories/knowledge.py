"""Funding-register entries for tests: valid (checked by `full_clean`), in both languages."""

import datetime

from courses.knowledge.models import FundingSource


def make_source(name="OFII", *, status="verified", live=True, recheck_by=None, verified_on=None, **fields):
    source = FundingSource(
        name_fr=name,
        name_ar=f"{name} (ar)",
        country_or_agency_fr="France",
        country_or_agency_ar="فرنسا",
        funds_fr="Aide à la réinsertion",
        funds_ar="مساعدة إعادة الإدماج",
        ote_role="counterpart",
        source_url="https://www.ofii.fr/",
        verification_status=status,
        verified_on=verified_on or (datetime.date(2020, 1, 1) if status == "verified" else None),
        recheck_by=recheck_by,
        live=live,
        **fields,
    )
    source.full_clean()
    source.save()
    return source

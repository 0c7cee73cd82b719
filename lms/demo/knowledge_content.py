"""The funding-source register's starter entries (`data/funding_sources.toml`) and the glossary
(`data/glossary.md`, its terms' definitions in `data/glossary_definitions.toml`).

Loading again updates the entries it created (matched by their French name) and creates nothing twice.
The check date is the day the starter content was last reviewed against its sources.
"""

import datetime
import re
from pathlib import Path

from django.db import transaction

from courses.knowledge.models import FundingSource, GlossaryTerm
from home.languages import language_codes, localized

from .course_content import DATA, read_toml

REVIEWED_ON = datetime.date(2026, 12, 3)
RECHECK_AFTER = datetime.timedelta(days=182)
TRANSLATED = ("name", "country_or_agency", "funds", "management_requirements", "windows_and_deadlines")


@transaction.atomic
def load_funding_sources(path: Path = DATA / "funding_sources.toml") -> list[FundingSource]:
    sources = []
    for item in read_toml(path)["source"]:
        fields = {
            localized(name, lang): item.get(f"{name}_{lang}", "")
            for name in TRANSLATED
            for lang in language_codes()
        }
        verified = item["status"] != "unverified"
        fields |= {
            "ote_role": item["ote_role"],
            "source_url": item.get("source_url", ""),
            "verification_status": item["status"],
            "verified_on": REVIEWED_ON if verified else None,
            "recheck_by": REVIEWED_ON + RECHECK_AFTER,
        }
        source = FundingSource.objects.filter(name_fr=item["name_fr"]).first() or FundingSource()
        for name, value in fields.items():
            setattr(source, name, value)
        source.full_clean()
        source.save()
        if not source.live or source.has_unpublished_changes or source.latest_revision is None:
            source.save_revision().publish()
        sources.append(source)
    return sources


SECTION = re.compile(r"^## \d+\.\s*(?P<fr>.+?)\s*/\s*(?P<ar>.+?)\s*$")
ROW = re.compile(r"^\|(?P<fr>[^|]+)\|(?P<ar>[^|]+)\|(?P<note>[^|]*)\|\s*$")


def glossary_rows(path: Path = DATA / "glossary.md") -> list[dict]:
    """The terms of `glossary.md`: its tables' rows, with the section each belongs to."""
    rows, section = [], {"fr": "", "ar": ""}
    for line in path.read_text(encoding="utf-8").splitlines():
        if heading := SECTION.match(line):
            section = heading.groupdict()
        elif (
            (row := ROW.match(line))
            and not set(row["fr"].strip()) <= {"-"}
            and row["fr"].strip() != "Français"
        ):
            rows.append(
                {
                    "fr": row["fr"].strip(),
                    "ar": row["ar"].strip(),
                    "note": row["note"].strip(),
                    **{f"section_{lang}": section[lang] for lang in section},
                }
            )
    return rows


def glossary_definitions(
    path: Path = DATA / "glossary_definitions.toml", *, terms: list[str]
) -> dict[str, dict[str, str]]:
    """Each term's definition per language, keyed by the term's French form in `glossary.md`.
    A definition for a term the glossary does not have (renamed, misspelt) is an error, not ignored."""
    found = {
        item["term"]: {lang: item.get(lang, "") for lang in language_codes()}
        for item in read_toml(path)["definition"]
    }
    if unknown := sorted(set(found) - set(terms)):
        raise ValueError(f"{path.name}: no such term in glossary.md: {', '.join(unknown)}")
    return found


@transaction.atomic
def load_glossary(
    path: Path = DATA / "glossary.md", definitions: Path = DATA / "glossary_definitions.toml"
) -> list[GlossaryTerm]:
    rows = glossary_rows(path)
    defined = glossary_definitions(definitions, terms=[row["fr"] for row in rows])
    terms = []
    for order, row in enumerate(rows):
        term, _created = GlossaryTerm.objects.update_or_create(
            term_fr=row["fr"],
            defaults={
                "term_ar": row["ar"],
                "note": row["note"],
                "section_fr": row["section_fr"],
                "section_ar": row["section_ar"],
                "sort_order": order,
                **{localized("definition", lang): text for lang, text in defined.get(row["fr"], {}).items()},
            },
        )
        terms.append(term)
    return terms

"""The glossary in lessons: the first use of each term in a lesson shows, on hover or keyboard focus
and without JavaScript, its equivalent in the other languages and its definition.

The terms come from the cache (no query per lesson); saving or deleting a term bumps the version that
the lesson-body cache keys carry, so an edited glossary shows at once.
"""

import re
from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from home.languages import language_codes, localized, text_attributes

VERSION_KEY = "courses:glossary:version"
TERMS_KEY = "courses:glossary:terms:{version}"
# Text inside these elements is never annotated: links, headings, a term already annotated, and a
# name or reference isolated in a <bdi> (a source's publisher, a funder): a tip there would
# interrupt a reference, not explain the lesson.
SKIPPED = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "dfn", "abbr", "code", "button", "label", "bdi"}
TAG = re.compile(r"(<[^>]+>)")
TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")


@dataclass(frozen=True)
class Equivalent:
    language: str
    text: str

    @property
    def attrs(self) -> dict[str, str]:
        return text_attributes(self.language)


@dataclass(frozen=True)
class Entry:
    variants: dict[str, tuple[str, ...]]  # language → the forms of the term in that language
    terms: dict[str, str]
    definitions: dict[str, str]


def glossary_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, None)


def glossary_changed(**_kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def _variants(term: str) -> tuple[str, ...]:
    """The forms recognised in lessons. A single word that needs a qualifier in brackets to mean
    the term ("demande (« ask »)", "produit (output)") is too common to be marked everywhere."""
    forms = []
    for part in term.split("/"):
        form = re.sub(r"\s*\([^)]*\)", "", part).strip()
        qualified = form != part.strip()
        if len(form) > 2 and not (qualified and " " not in form):
            forms.append(form)
    return tuple(forms)


def entries() -> list[Entry]:
    from .models import GlossaryTerm

    key = TERMS_KEY.format(version=glossary_version())
    found = cache.get(key)
    if found is None:
        found = []
        for term in GlossaryTerm.objects.all():
            terms = {lang: getattr(term, localized("term", lang)) or "" for lang in language_codes()}
            found.append(
                Entry(
                    variants={lang: _variants(text) for lang, text in terms.items()},
                    terms=terms,
                    definitions={
                        lang: getattr(term, localized("definition", lang)) or "" for lang in language_codes()
                    },
                )
            )
        cache.set(key, found, None)
    return found


def _pattern(language: str, found: list[Entry]) -> tuple[re.Pattern | None, dict[str, Entry]]:
    by_form = {}
    for entry in found:
        for form in entry.variants.get(language, ()):
            by_form.setdefault(form.casefold(), entry)
    if not by_form:
        return None, {}
    alternatives = "|".join(re.escape(form) for form in sorted(by_form, key=len, reverse=True))
    return re.compile(rf"(?<!\w)({alternatives})(?!\w)", re.IGNORECASE), by_form


def _annotation(text: str, entry: Entry, language: str) -> str:
    return render_to_string(
        "courses/knowledge/glossary_term.html",
        {
            "text": mark_safe(text),  # a slice of a text segment of rendered (escaped) HTML
            "equivalents": [
                Equivalent(lang, entry.terms[lang])
                for lang in language_codes()
                if lang != language and entry.terms.get(lang)
            ],
            "definition": entry.definitions.get(language, ""),
        },
    ).strip()


def annotate_terms(html: str, *, language: str, found: list[Entry] | None = None) -> SafeString:
    """`html` with the first use of each glossary term marked up (rendered HTML in, HTML out)."""
    found = entries() if found is None else found
    pattern, by_form = _pattern(language, found)
    if pattern is None:
        return mark_safe(html)
    seen: set[int] = set()
    skipped_depth = 0
    parts = TAG.split(html)
    for index, part in enumerate(parts):
        if part.startswith("<"):
            name = TAG_NAME.match(part)
            if name and name.group(1).lower() in SKIPPED and not part.endswith("/>"):
                skipped_depth += -1 if part.startswith("</") else 1
            continue
        if skipped_depth > 0 or not part.strip():
            continue

        def mark(match):
            entry = by_form[match.group(1).casefold()]
            if id(entry) in seen:
                return match.group(0)
            seen.add(id(entry))
            return _annotation(match.group(0), entry, language)

        parts[index] = pattern.sub(mark, part)
    return mark_safe("".join(parts))


@dataclass(frozen=True)
class Cell:
    lang: str
    dir: str
    text: str


@dataclass(frozen=True)
class Row:
    pk: int
    cells: list[Cell]
    term: object


def glossary_table(*, language: str) -> tuple[list[Cell], list[tuple[str, list[Row]]]]:
    """The glossary page: one column per language (the reader's first), rows grouped by section.
    The columns are headed in the reader's language (« الفرنسية », not « français », on an Arabic
    page): they are part of the page, not a language switcher."""
    from django.utils.translation import get_language_info

    from .models import GlossaryTerm

    order = sorted(language_codes(), key=lambda code: code != language)
    reader = text_attributes(language)
    columns = [
        Cell(reader["lang"], reader["dir"], str(get_language_info(code)["name_translated"])) for code in order
    ]
    sections: list[tuple[str, list[Row]]] = []
    for term in GlossaryTerm.objects.all():
        cells = [
            Cell(code, text_attributes(code)["dir"], getattr(term, localized("term", code)) or "")
            for code in order
        ]
        if not sections or sections[-1][0] != term.section:
            sections.append((term.section, []))
        sections[-1][1].append(Row(term.pk, cells, term))
    return columns, sections

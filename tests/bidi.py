"""Finds Latin text and compound figures left unisolated in the right-to-left parts of a page.

In an Arabic paragraph, the Unicode bidirectional algorithm lays out a Latin name, a code or a
number with its sign by the neutral characters around it: "Sonia Mejri." prints ".Sonia Mejri",
"COM(2021) 120" prints "120 (COM(2021", "70 %" prints "% 70", "-0,33" prints "0,33-" and
"19 / 27" prints "27 / 19". Such a run must sit in an isolating element: `<bdi>`, or an element
whose `dir` is "ltr" or "auto" (the value lays itself out), or text marked as another language.

    problems = unisolated_runs(html)      # [] when the page is right
    assert not problems, problems

What is allowed, and why:
- text in `<code>`, `<kbd>`, `<samp>`, `<pre>`, `<script>`, `<style>`, `<template>` and `<head>`;
- a plain integer between words ("المحاولة 2"): a single run of digits keeps its order;
- a tight run of digits and separators ("12/03/2026", "08:44", "2014-2015", "0,33"): the algorithm
  keeps it as one left-to-right number;
- the Latin words the Arabic catalogues themselves contain (PDF, CSV, "n = ...", and in the Wagtail
  admin "JavaScript"): the translators wrote them there and the terminology list reviews ours; a
  name or a code typed by a user is never one.
"""

import functools
import gettext
import re
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

LATIN_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+")
# Two figures joined by a separator that is neither tight nor a list separator ("19 / 27",
# "1,63 / 2,00", "3, 2026", "2014–2015"), a figure with a sign before it ("-0,33", "+5") or with "%"
# apart from it ("70 %"). A tight "12/03/2026", "08:44" or "2014-2015" stays one number; "·", "،"
# and "—" between figures separate the items of a list, read in the page's order.
DIGITS = r"[0-9\u0660-\u0669\u06F0-\u06F9]"
SEPARATOR = r"[/\\\-\u2013\u2212+×=:,.]"
COMPOUND = re.compile(
    rf"{DIGITS}(?:\s+{SEPARATOR}+\s*|{SEPARATOR}+\s+|\u2013){DIGITS}"
    rf"|(?:^|(?<=[\s(]))[-+\u2212]\s?{DIGITS}"
    rf"|{DIGITS}\s+[%\u066A]|[%\u066A]\s+{DIGITS}"
)
SKIPPED = {"code", "kbd", "samp", "pre", "script", "style", "template", "head", "title"}
CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "ar" / "LC_MESSAGES" / "django.mo"


def _wagtail_catalogues() -> list[Path]:
    """Wagtail's own Arabic catalogues: its admin chrome ("JavaScript", "Wagtail") around our pages."""
    import wagtail

    return sorted(Path(wagtail.__file__).parent.glob("**/locale/ar/LC_MESSAGES/django.mo"))


PLACEHOLDER = re.compile(r"%\(\w+\)[sdi]|%[sd%]|\{\w+\}|<[^>]+>|&\w+;")


@functools.cache
def catalogue_latin_words() -> frozenset[str]:
    """The Latin words the Arabic translations contain (ours and the Wagtail admin's), placeholders
    and markup left aside."""
    words = set()
    for path in [CATALOGUE, *_wagtail_catalogues()]:
        with path.open("rb") as handle:
            messages = gettext.GNUTranslations(handle)._catalog
        for key, text in messages.items():
            if key == "":
                continue
            words.update(LATIN_WORD.findall(PLACEHOLDER.sub(" ", text)))
    return frozenset(words)


def _direction_of(node) -> str:
    """'isolated' when an ancestor isolates the text; else the direction it is laid out in."""
    for element in node.parents:
        if not isinstance(element, Tag):
            continue
        if element.name in SKIPPED:
            return "skipped"
        if element.name == "bdi":
            return "isolated"
        direction = (element.get("dir") or "").lower()
        if direction in ("ltr", "auto"):
            return "isolated"
        if direction == "rtl":
            return "rtl"
        language = (element.get("lang") or "").lower()
        if language and not language.startswith("ar"):
            return "isolated"
    return "ltr"


def problems_in_text(text: str) -> list[str]:
    """The runs of one right-to-left text that the bidirectional algorithm would scramble."""
    found = [match.group(0) for match in COMPOUND.finditer(text)]
    allowed = catalogue_latin_words()
    found += [word for word in LATIN_WORD.findall(text) if word not in allowed]
    return found


def unisolated_runs(html: str) -> list[str]:
    """Every Latin or compound-figure run laid out right to left without isolation, with its text."""
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    for node in soup.find_all(string=True):
        if isinstance(node, Comment) or not isinstance(node, NavigableString):
            continue
        text = str(node)
        if not text.strip() or _direction_of(node) != "rtl":
            continue
        for run in problems_in_text(text):
            problems.append(f"{run!r} in {text.strip()[:80]!r} (<{node.parent.name}>)")
    return problems

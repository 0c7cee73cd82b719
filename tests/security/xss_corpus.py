"""The XSS corpus, how it is typed in, and the checks every page, export and PDF goes through.

A page passes when (1) no payload comes back as it was typed, (2) parsed as a browser would, it has
no event handler, no `javascript:` or foreign address, no injected script, style, base or refresh,
and (3) the payloads it should show are in its text: shown as text, so escaped, and escaped once.
"""

import csv
import io
import json
import re
import shutil
import subprocess
import zlib
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.admin.rich_text import get_rich_text_editor_widget

from courses.blocks import INLINE_FEATURES

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><iframe src=javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<body onload=alert(1)>",
    "<style>*{display:none}</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "{% debug %}",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<object data=javascript:alert(1)>",
    "<base href=//evil.example>",
    "<meta http-equiv=refresh content=0;url=//evil.example>",
    "\u202e<script>alert(1)</script>",  # right-to-left override
    "\u202bإعادة الإدماج<script>alert(1)</script>\u202c",
    "المناصرة <img src=x onerror=alert(1)>",
    "<form action=//evil.example><button>ok</button></form>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",  # already escaped: must not be unescaped on the way
    '=HYPERLINK("http://evil.example","x")',  # a formula, for the spreadsheet exports
    "javascript:alert(1)",
]
# What must never come back: any payload's markup as it was typed (escaped text is fine).
LIVE_MARKUP = [payload.strip("\u202e\u202b\u202c") for payload in PAYLOADS if "<" in payload]
LIVE_MARKUP += ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>"]
ARABIC = 11  # an Arabic field holds the payload this far from its French one's
RIGHT_TO_LEFT = re.compile(r"[\u0600-\u06ff\u202a-\u202e]")
# The markup payloads in left-to-right text only: pdftotext reorders right-to-left runs.
MARKUP_LTR = [p for p in PAYLOADS if "<" in p and not RIGHT_TO_LEFT.search(p)]

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href"}
CONTROL = re.compile(r"[\x00-\x20\x7f-\xa0\u200b-\u200f\u202a-\u202e]+")
REFUSED_ADDRESSES = ("javascript:", "vbscript:", "evil.example")
BRACKETS = re.compile(r"[<>()\[\]{}]")
FORMULA_STARTS = {"=", "+", "-", "@", "\t", "\r"}
INJECTED_TAGS = {"base", "iframe", "object", "embed", "math", "mglyph", "mtext"}


def payload(index: int) -> str:
    return PAYLOADS[index % len(PAYLOADS)]


def texts(label: str, index: int) -> dict[str, str]:
    """A field's French and Arabic values: a label, to find it, and a payload."""
    return {"fr": f"{label} {payload(index)}", "ar": f"{label} {payload(index + ARABIC)}"}


def translated_fields(name: str, label: str, index: int) -> dict[str, str]:
    values = texts(label, index)
    return {f"{name}_fr": values["fr"], f"{name}_ar": values["ar"]}


def typed_in_editor(features: list[str], text: str, link: str | None = None) -> str:
    """Rich text as the server stores it when a trainer types `text` in the editor (Draftail posts
    its content as JSON; the widget converts it to the stored HTML). `link`: an address given to a
    link over the whole text, as a trainer (or a crafted request) may send."""
    entity_ranges, entity_map = [], {}
    if link:
        entity_ranges = [{"offset": 0, "length": len(text), "key": 0}]
        entity_map = {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": link}}}
    contentstate = {
        "blocks": [
            {
                "key": "xss00",
                "type": "unstyled",
                "depth": 0,
                "text": text,
                "inlineStyleRanges": [],
                "entityRanges": entity_ranges,
                "data": {},
            }
        ],
        "entityMap": entity_map,
    }
    widget = get_rich_text_editor_widget(features=features)
    return widget.value_from_datadict({"field": json.dumps(contentstate)}, {}, "field")


def rich_fields(name: str, features: list[str], label: str, index: int) -> dict[str, str]:
    values = texts(label, index)
    return {
        f"{name}_{language}": typed_in_editor(features, value, link="javascript:alert(1)")
        for language, value in values.items()
    }


# Checks -----------------------------------------------------------------------------------------


def live_markup(content: str) -> list[str]:
    """What in `content` a browser would run or follow, that a payload could have put there."""
    return [markup for markup in LIVE_MARKUP if markup in content] + dom_markup(content)


def dom_markup(content: str) -> list[str]:
    """The same, read on the document as parsed: event handlers, script or foreign addresses,
    injected elements, whatever the payload's spelling."""
    found = []
    for tag in BeautifulSoup(content, "html.parser").find_all(True):
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value or ""
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}=…>")
            if name.lower() in URL_ATTRIBUTES:
                address = CONTROL.sub("", value).lower()
                if any(refused in address for refused in REFUSED_ADDRESSES):
                    found.append(f"<{tag.name} {name}={value!r}>")
        if tag.name in INJECTED_TAGS:
            found.append(f"<{tag.name}>")
        if tag.name == "meta" and str(tag.get("http-equiv", "")).lower() == "refresh":
            found.append("<meta http-equiv=refresh>")
        body = tag.get_text()
        if tag.name == "script" and body.strip().startswith("alert("):
            found.append(f"<script>{body[:40]}")
        if tag.name == "style" and "*{display:none}" in body:
            found.append("<style>*{display:none}")
    return found


def page_text(content: str) -> str:
    return BeautifulSoup(content, "html.parser").get_text()


def assert_escaped(content: str, *shown: str) -> None:
    """No live markup, and each of `shown` is in the page's text (escaped once, not dropped)."""
    assert live_markup(content) == []
    text = page_text(content)
    missing = [value for value in shown if value not in text]
    assert missing == [], f"not shown as text: {missing}"


def html_of(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("text/html"), url
    return response.content.decode()


def csv_cells(client, url: str) -> list[str]:
    """The cells of a CSV export; none may start as a formula would."""
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv"), url
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";")  # French Excel's CSV
    cells = [cell for row in rows for cell in row]
    assert [cell for cell in cells if cell[:1] in FORMULA_STARTS] == []
    return cells


needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="poppler-utils missing: run make test as root",
)


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF with every deflated stream inflated: objects kept in object streams become readable."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def pdf_report(pdf: bytes, tmp_path) -> SimpleNamespace:
    """The PDF's text, the addresses of its links and its scripts, as poppler reads them."""
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)

    def run(*args: str) -> str:
        return subprocess.run([*args], capture_output=True, text=True, check=True).stdout

    urls = run("pdfinfo", "-url", str(path)).splitlines()[1:]  # after the heading line
    return SimpleNamespace(
        text=run("pdftotext", "-enc", "UTF-8", str(path), "-"),
        urls=[line.split(None, 2)[-1] for line in urls if line.strip()],
        scripts=run("pdfinfo", "-js", str(path)).strip(),
        actions=re.findall(rb"/(JavaScript|JS|Launch|SubmitForm|ImportData)\b", pdf_objects(pdf)),
    )


def pdf_comparable(text: str) -> str:
    """Text as pdftotext gives it back, whatever its line breaks and mirrored brackets: it breaks lines
    anywhere, and a subset font keeps one character per glyph, so when a bracket is drawn mirrored
    once in a right-to-left run (Arabic, U+202E), every `<` of that font reads back as `>` and the
    reverse. Brackets at either end are dropped: in a right-to-left paragraph they move to the other
    end of a Latin run."""
    return BRACKETS.sub("|", re.sub(r"\s+", "", text)).strip("|")


def assert_pdf_is_inert(report: SimpleNamespace, *shown: str) -> None:
    """No script, no script address; `shown` in the PDF's text, tags included, so it was escaped:
    parsed as HTML, a tag would have vanished from the text (as `test_the_checks_see_live_markup`
    shows)."""
    assert report.scripts == "" and report.actions == []
    refused = [
        url for url in report.urls if any(r in CONTROL.sub("", url).lower() for r in REFUSED_ADDRESSES)
    ]
    assert refused == []
    text = pdf_comparable(report.text)
    missing = [value for value in shown if pdf_comparable(value) not in text]
    assert missing == [], f"not in the PDF's text: {missing}"


def lesson_body(language: str) -> list[dict]:
    def value(label: str, index: int) -> str:
        return texts(label, index)[language]

    def rich(label: str, index: int) -> str:
        return typed_in_editor(INLINE_FEATURES, value(label, index), link="javascript:alert(1)")

    return [
        {"type": "heading", "value": {"text": value("Titre", 0), "level": "h2"}},
        {"type": "paragraph", "value": rich("Paragraphe", 1)},
        {
            "type": "callout",
            "value": {"kind": "tip", "title": value("Encadré", 2), "text": rich("Astuce", 3)},
        },
        {"type": "quote", "value": {"text": value("Citation", 4), "attribution": value("Auteur", 5)}},
        {
            "type": "case_study",
            "value": {
                "title": value("Cas", 6),
                "context": rich("Contexte", 7),
                "question": value("Réflexion", 8),
            },
        },
        {"type": "faq", "value": {"items": [{"question": value("FAQ", 9), "answer": rich("Réponse", 10)}]}},
        {
            "type": "further_reading",
            "value": {
                "links": [
                    {"title": value("Lien", 11), "url": "https://example.org/", "source": value("Source", 12)}
                ]
            },
        },
    ]


LESSON_BLOCK_LABELS = [
    ("Titre", 0),
    ("Paragraphe", 1),
    ("Encadré", 2),
    ("Astuce", 3),
    ("Citation", 4),
    ("Auteur", 5),
    ("Cas", 6),
    ("Contexte", 7),
    ("Réflexion", 8),
    ("FAQ", 9),
    ("Réponse", 10),
    ("Lien", 11),
    ("Source", 12),
]


# Reading the world's pages -----------------------------------------------------------------------


def full_names(users) -> list[str]:
    return [user.get_full_name() for user in users]


def url_in(page, language: str) -> str:
    with translation.override(language):
        return page.get_url()


def input_values(content: str, name) -> list[str]:
    return [
        field.get("value")
        for field in BeautifulSoup(content, "html.parser").find_all("input", attrs={"name": name})
    ]


def report_urls(world) -> dict[str, str]:
    plan, workshop = world.plan.pk, world.workshop.pk
    return {
        "plan": f"review/plans/{plan}/report",
        "workshop": f"review/plans/{plan}/workshops/{workshop}/report",
    }

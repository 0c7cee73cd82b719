"""The corpus and its checks can be trusted: the payloads are varied, the editor stores them as
text, and the checks fail on live markup."""

import re

import pytest
from django.core.exceptions import ValidationError

from courses.blocks import LessonBodyBlock
from courses.models.pages import RICH_TEXT_FEATURES
from tests.security.xss_corpus import (
    LIVE_MARKUP,
    PAYLOADS,
    assert_pdf_is_inert,
    dom_markup,
    payload,
    pdf_report,
    typed_in_editor,
)

pytestmark = pytest.mark.django_db


def test_the_corpus_has_twenty_payloads_with_rtl_override_and_arabic():
    assert len(set(PAYLOADS)) >= 20
    assert any("\u202e" in p for p in PAYLOADS) and any(re.search(r"[\u0600-\u06ff]", p) for p in PAYLOADS)


def test_the_editor_keeps_markup_as_text_and_drops_script_addresses():
    stored = typed_in_editor(RICH_TEXT_FEATURES, payload(1), link="javascript:alert(1)")
    assert "<img" not in stored and "&lt;img src=x onerror=alert(1)&gt;" in stored
    assert "javascript:" not in stored
    further_reading = LessonBodyBlock().child_blocks["further_reading"]

    def link(address: str):
        return further_reading.clean(
            further_reading.to_python({"links": [{"title": "Lien", "url": address}]})
        )

    assert link("https://example.org/")
    for address in (
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
    ):
        with pytest.raises(ValidationError):
            link(address)


def test_the_checks_see_live_markup(tmp_path):
    """The checks below can fail: each payload, left unescaped, is seen by the parser-based check
    alone, and a PDF made from live markup has a script link and loses the tags from its text."""
    for markup in LIVE_MARKUP:
        assert dom_markup(f"<html><body><p>{markup}</p></body></html>"), markup
    from weasyprint import HTML

    live = HTML(string=f"<p>{PAYLOADS[5]} {PAYLOADS[0]} {PAYLOADS[1]}</p>").write_pdf()
    report = pdf_report(live, tmp_path)
    assert report.urls == ["javascript:alert(1)"]
    with pytest.raises(AssertionError):
        assert_pdf_is_inert(report)
    with pytest.raises(AssertionError):
        assert_pdf_is_inert(
            pdf_report(HTML(string=f"<p>{PAYLOADS[0]}</p>").write_pdf(), tmp_path), PAYLOADS[0]
        )

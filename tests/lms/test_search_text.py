"""The text a search excerpt is cut from: what the trainer typed, whether in a plain field or in rich
text, never HTML, so that the excerpt escapes it exactly once."""

import json

import pytest
from django.utils import translation

from courses.models import LessonPage, ModulePage
from courses.search import QueryWords
from lms.search import excerpt, plain_text

pytestmark = pytest.mark.django_db  # a new page looks up its content type

TYPED = "Droits & devoirs : a <b> c"
TYPED_IN_RICH_TEXT = "<p>Droits &amp; devoirs : a &lt;b&gt; c</p><p><b>Suite</b> &quot;citée&quot;</p>"
SHOWN_OF_RICH_TEXT = 'Droits & devoirs : a <b> c Suite "citée"'


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


def lesson(*, summary: str = "", body: list[dict] | None = None) -> LessonPage:
    page = LessonPage(title="Leçon", summary_fr=summary)
    page.body_fr = json.dumps(body or [])
    return page


def test_a_plain_field_is_kept_as_typed():
    assert plain_text(lesson(summary=TYPED)) == TYPED


def test_rich_text_is_reduced_to_its_text_with_entities_decoded_once():
    module = ModulePage(title="Module", introduction_fr=TYPED_IN_RICH_TEXT)
    assert plain_text(module) == SHOWN_OF_RICH_TEXT


def test_lesson_blocks_keep_plain_text_and_decode_rich_text():
    body = [
        {"type": "heading", "value": {"text": TYPED, "level": "h2"}},
        {"type": "paragraph", "value": TYPED_IN_RICH_TEXT},
        {"type": "quote", "value": {"text": "x &amp; y", "attribution": ""}},
        {
            "type": "faq",
            "value": {
                "items": [{"type": "item", "id": "1", "value": {"question": "Q <i>", "answer": "<p>R</p>"}}]
            },
        },
        {"type": "further_reading", "value": {"links": [{"title": "Lien", "url": "https://example.org/"}]}},
    ]
    shown = ["Résumé", TYPED, SHOWN_OF_RICH_TEXT, "x &amp; y", "Q <i>", "R", "Lien"]
    assert plain_text(lesson(summary="Résumé", body=body)) == " ".join(shown)


def test_the_excerpt_escapes_the_text_once():
    shown = excerpt(plain_text(lesson(summary=TYPED)), QueryWords(("devoirs",), {}))
    assert shown == "Droits &amp; <mark>devoirs</mark> : a &lt;b&gt; c"

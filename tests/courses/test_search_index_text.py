"""What search indexes of a page in each language: the text a reader sees, as the excerpts show it."""

import json

import pytest

from courses.models import LessonPage, ModulePage
from home.text import fold

pytestmark = pytest.mark.django_db  # a new page looks up its content type


def test_rich_text_is_indexed_as_its_text_not_its_markup():
    module = ModulePage(title_fr="Module", introduction_fr="<p>Droits &amp; devoirs <b>du migrant</b></p>")
    indexed = module.search_text_in("fr")
    assert indexed == fold("Module Droits & devoirs du migrant")
    assert "amp" not in indexed.split() and "<b>" not in indexed


def test_each_language_indexes_its_own_text_only():
    module = ModulePage(title_fr="Plaidoyer", title_ar="المناصرة", introduction_ar="<p>التمويل الأوروبي</p>")
    assert module.search_text_in("fr") == fold("Plaidoyer")
    assert module.search_text_in("ar") == fold("المناصرة التمويل الأوروبي")


def test_a_lessons_typed_text_is_indexed_and_link_addresses_are_not():
    lesson = LessonPage(title_fr="Leçon", summary_fr="Taux < 5 % & délais")
    lesson.body_fr = json.dumps(
        [
            {"type": "paragraph", "value": "<p>Fonds &quot;AMIF&quot;</p>"},
            {
                "type": "further_reading",
                "value": {"links": [{"title": "Guide", "url": "https://example.org/x"}]},
            },
        ]
    )
    indexed = lesson.search_text_in("fr")
    assert indexed == fold('Leçon Taux < 5 % & délais Fonds "AMIF" Guide')
    assert "example" not in indexed

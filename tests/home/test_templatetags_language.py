"""French shown as a fallback inside an Arabic page is marked lang="fr" dir="ltr" (and the reverse)."""

import pytest
from django.template import Context, Template
from django.utils import translation

from courses.models import CoursePage

pytestmark = pytest.mark.django_db


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load language_tags %}" + source).render(Context(context))


def course(**fields) -> CoursePage:
    with translation.override("fr"):
        return CoursePage(**fields)


def test_an_arabic_page_marks_a_french_fallback():
    page = course(title_fr="Plaidoyer", title_ar="")
    assert render('{% translated page "title" %}', "ar", page=page) == (
        '<span lang="fr" dir="ltr">Plaidoyer</span>'
    )
    assert render('<h1{% fallback_attrs page "title" %}>', "ar", page=page) == '<h1 lang="fr" dir="ltr">'


def test_a_translated_value_is_shown_as_it_is():
    page = course(title_fr="Plaidoyer", title_ar="المناصرة")
    assert render('{% translated page "title" %}', "ar", page=page) == "المناصرة"
    assert render('{% translated page "title" %}', "fr", page=page) == "Plaidoyer"
    assert render('<h1{% fallback_attrs page "title" %}>', "ar", page=page) == "<h1>"


def test_a_french_page_marks_an_arabic_fallback_right_to_left():
    page = course(title_fr="Plaidoyer", summary_fr="", summary_ar="ملخص")
    assert render('{% translated page "summary" %}', "fr", page=page) == (
        '<span lang="ar" dir="rtl">ملخص</span>'
    )


def test_rich_text_fallback_is_a_marked_block():
    page = course(title_fr="Plaidoyer", objectives_fr="<p>Objectifs</p>", objectives_ar="")
    html = render('{% translated page "objectives" %}', "ar", page=page)
    assert html.startswith('<div lang="fr" dir="ltr">') and "<p>Objectifs</p>" in html


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_values_are_escaped(language):
    page = course(title_fr="<script>alert(1)</script>", title_ar="")
    assert "<script>" not in render('{% translated page "title" %}', language, page=page)


def test_empty_field_renders_nothing():
    page = course(title_fr="Plaidoyer", summary_fr="", summary_ar="")
    assert render('{% translated page "summary" %}', "ar", page=page) == ""


def test_bdi_isolates_names_and_escapes_them():
    assert render("{{ name|bdi }}", "ar", name="Karim <b>") == "<bdi>Karim &lt;b&gt;</bdi>"
    assert render("{{ name|bdi }}", "ar", name="") == ""

"""The glossary as data: loaded from the starter content, marked up in lessons without JavaScript."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from courses.knowledge.glossary import annotate_terms
from courses.models import GlossaryTerm
from lms.demo.knowledge_content import glossary_definitions, glossary_rows, load_glossary
from tests.conftest import translated
from tests.factories.courses import add_lesson, add_module, enrol, make_course
from tests.paths import page_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms(db):
    GlossaryTerm.objects.create(
        term_fr="réinsertion",
        term_ar="إعادة الإدماج",
        definition_fr="Retour à une vie stable.",
        section_fr="A",
    )
    GlossaryTerm.objects.create(
        term_fr="retour forcé / éloignement", term_ar="العودة القسرية", section_fr="B"
    )


def test_the_starter_glossary_has_its_92_terms_and_loads_once():
    assert len(glossary_rows()) == 92
    load_glossary()
    load_glossary()
    assert GlossaryTerm.objects.count() == 92
    term = GlossaryTerm.objects.get(term_fr="plaidoyer")
    assert (term.term_ar, term.section_fr) == ("المناصرة", "Termes fixes")


def test_every_starter_term_has_a_definition_in_both_languages():
    load_glossary()
    missing = [
        (term.term_fr, lang)
        for term in GlossaryTerm.objects.all()
        for lang in ("fr", "ar")
        if len(getattr(term, f"definition_{lang}").strip()) < 20
    ]
    assert missing == []
    term = GlossaryTerm.objects.get(term_fr="cofinancement")
    assert "subvention" in term.definition_fr and "المنحة" in term.definition_ar


def test_a_definition_for_a_term_the_glossary_lacks_is_refused(tmp_path):
    data = tmp_path / "definitions.toml"
    data.write_text('[[definition]]\nterm = "plaidoyé"\nfr = "x"\nar = "x"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="plaidoyé"):
        glossary_definitions(data, terms=["plaidoyer"])


@pytest.mark.parametrize(
    ("language", "definition", "equivalent"),
    [("fr", "Démarche délibérée", "المناصرة"), ("ar", "مسار مدروس", "plaidoyer")],
)
def test_a_trainee_reads_the_starter_definition_in_a_lesson(
    client, site_tree, trainee, language, definition, equivalent
):
    load_glossary()
    course = make_course(modules=0)
    lesson = add_lesson(
        add_module(course), body=[("paragraph", "<p>Un bon plaidoyer commence par un problème.</p>")]
    )
    lesson.body_ar = [("paragraph", "<p>تبدأ المناصرة الجيّدة بمشكل واضح.</p>")]
    lesson.save()
    enrol(trainee, course)
    client.force_login(trainee)
    page = BeautifulSoup(client.get(page_path(lesson, language)).content, "html.parser")
    tip = page.select_one(".glossary-term > [role=tooltip]")
    assert tip["role"] == "tooltip"
    assert tip.select_one("[lang]").get_text() == equivalent
    assert tip.find(string=True, recursive=False).startswith(definition)  # after the equivalent


def test_the_first_use_of_a_term_shows_its_equivalent_and_definition(terms):
    html = annotate_terms(
        "<h2>La réinsertion</h2><p>La réinsertion durable, puis la réinsertion encore; "
        '<a href="/x">éloignement</a> puis Éloignement.</p>',
        language="fr",
    )
    page = BeautifulSoup(html, "html.parser")
    marked = page.select(".glossary-term")
    assert [m.dfn.get_text() for m in marked] == ["réinsertion", "Éloignement"]
    assert page.h2.get_text() == "La réinsertion"  # headings and links are left alone
    first = marked[0]
    assert first["tabindex"] == "0"  # reachable by keyboard; the tip shows on focus (CSS only)
    equivalent = first.select_one("[role=tooltip] > [lang]")
    assert (equivalent.get_text(), equivalent["lang"], equivalent["dir"]) == ("إعادة الإدماج", "ar", "rtl")
    assert first.select_one("[role=tooltip]").find(string=True, recursive=False) == "Retour à une vie stable."
    assert "<script" not in html


def test_a_name_or_reference_isolated_in_a_bdi_is_not_annotated(terms):
    """A source's publisher or a funder's name (a <bdi>) gets no tip; the term's first use in the
    lesson's own text still does."""
    html = annotate_terms(
        "<p>Publié par <bdi>Agence de réinsertion</bdi>.</p><p>La réinsertion durable.</p>", language="fr"
    )
    page = BeautifulSoup(html, "html.parser")
    assert page.bdi.get_text() == "Agence de réinsertion" and not page.bdi.select(".glossary-term")
    assert [m.dfn.get_text() for m in page.select(".glossary-term")] == ["réinsertion"]
    assert page.select_one(".glossary-term").find_parent("p").get_text().startswith("La réinsertion")


def test_arabic_lessons_show_the_french_equivalent(terms):
    html = annotate_terms("<p>برامج إعادة الإدماج في تونس</p>", language="ar")
    equivalent = BeautifulSoup(html, "html.parser").select_one(".glossary-term [role=tooltip] > [lang]")
    assert (equivalent.get_text(), equivalent["lang"], equivalent["dir"]) == ("réinsertion", "fr", "ltr")


def test_a_trainee_reads_the_term_marked_up_in_a_lesson(client, site_tree, terms, trainee):
    course = make_course(modules=0)
    lesson = add_lesson(add_module(course), body=[("paragraph", "<p>La réinsertion des migrants.</p>")])
    enrol(trainee, course)
    client.force_login(trainee)
    html = client.get(lesson.get_url()).content.decode()
    assert "<dfn>réinsertion</dfn>" in html and "إعادة الإدماج" in html
    # An edited term shows at once: the cached body carries the glossary's version.
    GlossaryTerm.objects.filter(term_fr="réinsertion").update(term_ar="x")
    GlossaryTerm.objects.get(term_fr="réinsertion").save()
    assert 'dir="rtl">x</span>' in client.get(lesson.get_url()).content.decode()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_glossary_page_lists_every_term_in_both_languages(client, site_tree, terms, language):
    with translation.override(language):
        html = client.get(f"/{language}/knowledge/glossary/").content.decode()
    assert translated("Glossary", language) in html
    assert "réinsertion" in html and "إعادة الإدماج" in html and "العودة القسرية" in html


@pytest.mark.parametrize(
    "language, headings",
    [("fr", ["Français", "Arabe", "Définition"]), ("ar", ["العربية", "الفرنسية", "التعريف"])],
)
def test_the_glossary_columns_are_headed_in_the_readers_language(
    client, site_tree, terms, language, headings
):
    with translation.override(language):
        html = BeautifulSoup(client.get(f"/{language}/knowledge/glossary/").content, "html.parser")
    table = html.select_one("table.glossary-table")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == headings
    assert {th["lang"] for th in table.select("thead th[lang]")} <= {language}
    first_cells = [td.get_text(strip=True) for td in table.select("tbody tr td:first-child")]
    assert first_cells == (["réinsertion"] if language == "fr" else ["إعادة الإدماج"])


def test_a_single_word_that_needs_its_qualifier_is_not_marked_everywhere(db):
    GlossaryTerm.objects.create(term_fr="demande (« ask »)", term_ar="المطلب")
    GlossaryTerm.objects.create(term_fr="État membre (de l'UE)", term_ar="الدولة العضو")
    html = annotate_terms("<p>Une demande d'asile dans un État membre.</p>", language="fr")
    marked = [m.dfn.get_text() for m in BeautifulSoup(html, "html.parser").select(".glossary-term")]
    assert marked == ["État membre"]


def test_no_starter_term_marks_a_lone_adjective():
    """A row such as « dimension économique / sociale » would mark « sociale » in every lesson: the
    starter glossary spells each alternative whole (« dimension sociale »)."""
    from courses.knowledge.glossary import _variants
    from lms.demo.knowledge_content import glossary_rows

    forms = {form for row in glossary_rows() for lang in ("fr", "ar") for form in _variants(row[lang])}
    assert forms.isdisjoint({"sociale", "psychosociale", "communautaire", "structurel", "indirecte"})
    assert forms.isdisjoint({"الاجتماعي", "المجتمعي", "الهيكلي", "غير المباشر"})
    assert {"dimension sociale", "gestion indirecte", "البعد الاجتماعي"} <= forms

"""Search finds the obvious: a title match first, accents and Arabic spelling variants on either
side, a mistyped letter, and the box keeps what was typed. Run on SQLite and on PostgreSQL."""

import io

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.courses import add_lesson, make_course
from tests.paths import path_to

pytestmark = pytest.mark.django_db

ORIGIN = "Le financement européen à l'origine du Dispositif"
ORIGIN_AR = "التمويل الأوروبي الذي نشأت في إطاره الآلية"
PARTNERS = "Cartographier les partenaires"
PARTNERS_AR = "رسم خارطة الشركاء"
UNION = "Coopération avec l'Union"
UNION_AR = "التعاون مع الاتحاد الاوروبى"  # typed without hamza, with alef maqsura
REGIONAL = "Cooperation regionale"  # typed without accents


def lesson(module, *, title_fr: str, title_ar: str, fr: str, ar: str):
    page = add_lesson(module, title_fr=title_fr, title_ar=title_ar)
    page.summary_fr, page.summary_ar = fr, ar
    page.save_revision().publish()
    return page


@pytest.fixture
def searcher(client, site_tree, task_force):
    course = make_course(modules=1, lessons=0, title_fr="Parcours", title_ar="مسار")
    module = course.get_children().first().specific
    lesson(module, title_fr=ORIGIN, title_ar=ORIGIN_AR, fr="Le programme ProGreS.", ar="برنامج ProGreS.")
    lesson(
        module,
        title_fr=PARTNERS,
        title_ar=PARTNERS_AR,
        fr="Le financement européen, encore le financement européen, toujours le financement européen.",
        ar="التمويل الأوروبي ثم التمويل الأوروبي ودائمًا التمويل الأوروبي.",
    )
    lesson(module, title_fr=UNION, title_ar=UNION_AR, fr="Les accords.", ar="الاتفاقيات.")
    lesson(module, title_fr=REGIONAL, title_ar="التعاون الإقليمي", fr="Les voisins.", ar="الجوار.")
    client.force_login(task_force)
    return client


def found(client, language: str, query: str) -> list[str]:
    response = client.get(path_to("lms:search", language=language), {"q": query})
    assert response.status_code == 200
    return [
        h.get_text(strip=True)
        for h in BeautifulSoup(response.content, "html.parser").select(".search-results h2")
    ]


@pytest.mark.parametrize(
    ("language", "query", "first", "also"),
    [
        ("fr", "financement européen", ORIGIN, PARTNERS),
        ("ar", "التمويل الأوروبي", ORIGIN_AR, PARTNERS_AR),
    ],
)
def test_a_title_match_ranks_before_text_that_repeats_the_words(searcher, language, query, first, also):
    results = found(searcher, language, query)
    assert results[0] == first
    assert also in results[1:]


@pytest.mark.parametrize(
    "query",
    [
        "financemant europeen",
        "financement europen",
        "finacement européen",
        "FINANCEMENT EUROPÉEN",
        "financement",
    ],
)
def test_a_mistyped_letter_or_a_missing_accent_finds_the_same_lesson(searcher, query):
    assert found(searcher, "fr", query)[0] == ORIGIN


@pytest.mark.parametrize(
    "query",
    [
        "الاتحاد الأوروبي",
        "الاتحاد الاوروبى",
        "اتحاد أوروبي",
        "الإتحاد الأوروبيّ",
        "بالاتحاد الأوروبي",
        "الاتحاد الاوربي",  # a letter missing
    ],
)
def test_arabic_spelling_variants_the_article_and_a_typo_find_the_same_lesson(searcher, query):
    assert found(searcher, "ar", query) == [UNION_AR]


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("coopération régionale", REGIONAL),  # accents typed, none in the page
        ("cooperation avec l union", UNION),  # none typed, accents in the page
        ("COOPÉRATION l'Union", UNION),
    ],
)
def test_french_accents_fold_both_ways(searcher, query, title):
    assert found(searcher, "fr", query)[0] == title


def test_unrelated_words_find_nothing_even_close_ones_in_the_other_language(searcher):
    assert found(searcher, "fr", "jardinage") == []
    assert found(searcher, "ar", "financement") == []
    assert found(searcher, "fr", "التمويل") == []


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_search_boxes_keep_the_query(searcher, language):
    query = 'financemant "<b>européen'
    soup = BeautifulSoup(
        searcher.get(path_to("lms:search", language=language), {"q": query}).content, "html.parser"
    )
    assert soup.select_one("#search-page-q")["value"] == query
    assert soup.select_one("#header-search")["value"] == query
    assert not soup.select("b")


def test_close_spellings_are_highlighted_in_the_excerpt(searcher):
    html = searcher.get(path_to("lms:search"), {"q": "financemant europeen"}).content.decode()
    assert "<mark>financement</mark> <mark>européen,</mark>" in html


@pytest.mark.parametrize(
    ("language", "query", "message"),
    [
        ("fr", "", "Saisissez un ou plusieurs mots pour rechercher dans les formations."),
        ("ar", "  ", "اكتبوا كلمة أو أكثر للبحث في الدورات التكوينية."),
        ("fr", "?! … «»", "Votre recherche ne contient aucun mot exploitable."),
        ("ar", "؟ ، ! ...", "لا يتضمّن بحثكم أيّ كلمة يمكن البحث عنها."),
        ("fr", "x" * 201, "Votre recherche est trop longue : utilisez au plus 12 mots et 200 caractères."),
        ("ar", " ".join(["تمويل"] * 13), "بحثكم طويل جدًّا: يُرجى استعمال 12 كلمة و200 حرف على الأكثر."),
        ("fr", "jardinage", "Aucun résultat pour cette recherche."),
    ],
)
def test_empty_punctuation_only_too_long_and_unknown_queries_are_told_in_words(
    searcher, language, query, message
):
    soup = BeautifulSoup(
        searcher.get(path_to("lms:search", language=language), {"q": query}).content, "html.parser"
    )
    status = soup.select_one('[role="status"]').get_text(" ", strip=True)
    assert message in status.replace("\u202f", " ").replace("\xa0", " ")
    assert not soup.select(".search-results")


def test_query_count_is_the_same_with_eight_times_more_matching_pages(client, site_tree, task_force):
    course = make_course(modules=1, lessons=0)
    module = course.get_children().first().specific
    client.force_login(task_force)

    def queries_for_search() -> int:
        client.get(path_to("lms:search"), {"q": "plaidoyer bailleurs"})
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path_to("lms:search"), {"q": "plaidoyer bailleurs"})
        assert response.status_code == 200
        return len(queries)

    def add(count: int) -> None:
        for number in range(count):
            lesson(
                module,
                title_fr=f"Plaidoyer {number}",
                title_ar=f"المناصرة {number}",
                fr="Le plaidoyer auprès des bailleurs.",
                ar="المناصرة لدى الجهات المانحة.",
            )

    add(4)
    small = queries_for_search()
    add(28)
    large = queries_for_search()
    assert small == large <= 16, (small, large)


def test_a_draft_is_not_searchable_until_published(searcher):
    from courses.models import LessonPage

    page = LessonPage.objects.get(title_fr=PARTNERS)
    page.title_fr = "Brouillon confidentiel"
    page.save_revision()
    assert found(searcher, "fr", "confidentiel") == []
    assert found(searcher, "fr", "cartographier") == [PARTNERS]
    page.get_latest_revision().publish()
    assert found(searcher, "fr", "confidentiel") == ["Brouillon confidentiel"]
    assert found(searcher, "fr", "cartographier") == []


def test_the_index_can_be_rebuilt_from_the_pages(searcher):
    from django.core.management import call_command

    from courses.models import SearchText, SearchWord

    SearchText.objects.all().delete()
    SearchWord.objects.all().delete()
    assert found(searcher, "fr", "financemant") == []
    output = io.StringIO()
    call_command("index_search_text", stdout=output)
    assert output.getvalue() == "6 pages indexed.\n"  # the course, its module, four lessons
    assert found(searcher, "fr", "financemant")[0] == ORIGIN


def test_latin_words_and_figures_in_arabic_excerpts_are_isolated(searcher):
    from tests.bidi import unisolated_runs

    html = searcher.get(path_to("lms:search", language="ar"), {"q": "برنامج"}).content.decode()
    assert "<bdi>ProGreS</bdi>." in html
    assert not unisolated_runs(html)

"""Language prefixes and the language switcher. The paths here are typed on purpose: the prefix, the
translated slugs and the switcher's targets are what these tests check (tests/paths.py)."""

import pytest
from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.mark.parametrize(
    ("accept_language", "expected"), [("", "/fr/"), ("ar,fr;q=0.5", "/ar/"), ("fr-FR", "/fr/")]
)
def test_root_redirects_to_the_visitors_language(client, site_tree, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(
    ("path", "lang", "direction", "stylesheet"),
    [("/fr/", "fr", "ltr", "bootstrap.min.css"), ("/ar/", "ar", "rtl", "bootstrap.rtl.min.css")],
)
def test_home_page_declares_language_and_direction(client, site_tree, path, lang, direction, stylesheet):
    page = soup(client.get(path))
    assert page.html["lang"] == lang
    assert page.html["dir"] == direction
    hrefs = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assert any(href.endswith(f"/{stylesheet}") for href in hrefs)


def test_home_page_is_written_in_each_language(client, site_tree):
    assert soup(client.get("/fr/")).h1.get_text(strip=True) == "Tounesna Academy"
    assert soup(client.get("/ar/")).h1.get_text(strip=True) == "أكاديمية تونسنا"


def test_interface_strings_are_translated_in_arabic(client, site_tree):
    page = soup(client.get("/ar/"))
    assert page.find("a", class_="skip-link").get_text(strip=True) == "تخطي إلى المحتوى الرئيسي"


def switcher_targets(response) -> dict[str, str]:
    return {a["hreflang"]: a["href"] for a in soup(response).select("a.language-switch")}


def test_switcher_on_the_home_page_leads_to_the_other_language(client, site_tree):
    assert switcher_targets(client.get("/fr/")) == {"ar": "/ar/"}
    assert switcher_targets(client.get("/ar/")) == {"fr": "/fr/"}


def test_switcher_on_a_django_view_keeps_the_path(client, site_tree):
    assert switcher_targets(client.get("/fr/accounts/login/")) == {"ar": "/ar/accounts/login/"}


def test_unknown_page_is_a_translated_404(client, site_tree):
    response = client.get("/ar/no-such-page/")
    assert response.status_code == 404


def test_switcher_leads_to_the_same_course_page_with_its_translated_slug(client, site_tree):
    from tests.factories.courses import make_course

    course = make_course(slug_fr="plaidoyer", slug_ar="munasara", slug="plaidoyer")
    assert switcher_targets(client.get("/fr/formations/plaidoyer/")) == {"ar": "/ar/dawrat/munasara/"}
    assert switcher_targets(client.get("/ar/dawrat/munasara/")) == {"fr": "/fr/formations/plaidoyer/"}
    assert course.pk

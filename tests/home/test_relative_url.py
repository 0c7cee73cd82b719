"""`home.templatetags.site_tags.relative_url`: an address on the site written from the page shown,
which a browser resolves back to the same address."""

from urllib.parse import urljoin

import pytest

from home.templatetags.site_tags import relative_url

LESSON = "/fr/formations/c/m3/lecon-5/"


@pytest.mark.parametrize(
    ("address", "from_path", "written"),
    [
        ("/fr/formations/c/m3/lecon-1/", LESSON, "../lecon-1/"),
        ("/fr/formations/c/m1/lecon-1/", LESSON, "../../m1/lecon-1/"),
        ("/fr/formations/c/", LESSON, "../../"),
        ("/fr/formations/c/#module-71", LESSON, "../../#module-71"),
        (LESSON, LESSON, "./"),
        # A routable page's sub-route (a quiz attempt): written from where the browser is.
        ("/fr/formations/c/m3/lecon-1/", "/fr/formations/c/m3/quiz/attempt/12/", "../../../lecon-1/"),
        ("/ar/dawrat/c/w3/dars-1/", "/ar/dawrat/c/w3/dars-5/", "../dars-1/"),
        ("/", "/fr/a/", "../../"),
    ],
)
def test_an_address_is_written_from_the_page_and_resolves_back(address, from_path, written):
    assert relative_url(address, from_path=from_path) == written
    assert urljoin("https://academie.example" + from_path, written) == "https://academie.example" + address


@pytest.mark.parametrize("address", ["https://ec.europa.eu/x/", "//cdn.example/x.css", "mailto:a@b.tn", ""])
def test_an_address_elsewhere_is_kept(address):
    assert relative_url(address, from_path=LESSON) == address

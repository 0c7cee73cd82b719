"""The site's HTML templates are read without their indentation (home/template_loaders.py)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines

from home.template_loaders import without_indentation
from tests.paths import home_path

TEMPLATES = Path(settings.BASE_DIR) / "templates"
KEEPS_ITS_SPACES = re.compile(r"<(pre|textarea)\b[^>]*>(?P<inside>.*?)</\1>", re.DOTALL)
BLOCKTRANSLATE = re.compile(
    r"{%\s*blocktrans(?:late)?\b(?P<options>[^%]*)%}(?P<message>.*?){%\s*endblocktrans", re.DOTALL
)


def html_templates() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


def test_a_line_loses_its_indentation_and_keeps_its_words():
    source = '<ul>\n  <li>\n\t\t<a href="/">Accueil</a> {{ x }}\n  </li>\n</ul>\n'
    assert without_indentation(source) == '<ul>\n<li>\n<a href="/">Accueil</a> {{ x }}\n</li>\n</ul>\n'


def test_a_line_of_tags_only_leaves_no_blank_line_and_text_stays_apart():
    source = "<p>\n  {% if a %}\n  Bonjour\n  {% endif %} {# c #}\n  {% if b %}x{% endif %}\n  monde</p>\n"
    assert (
        without_indentation(source)
        == "<p>\n{% if a %}Bonjour\n{% endif %} {# c #}{% if b %}x{% endif %}\nmonde</p>\n"
    )


def test_no_template_relies_on_the_spaces_at_the_start_of_its_lines():
    """Multi-line <pre> or <textarea> text, and multi-line {% blocktranslate %} messages without
    `trimmed` (their message would no longer match the catalogue), would change."""
    found = []
    for path in html_templates():
        source = path.read_text()
        found += [f"{path}: <{m.group(1)}>" for m in KEEPS_ITS_SPACES.finditer(source) if "\n" in m["inside"]]
        found += [
            f"{path}: blocktranslate"
            for m in BLOCKTRANSLATE.finditer(source)
            if "\n" in m["message"] and "trimmed" not in m["options"]
        ]
    assert html_templates() and not found


def test_pages_are_sent_without_the_templates_indentation(client, site_tree):
    html = client.get(home_path()).content.decode()
    assert "<header" in html and not re.search(r"\n[ \t]+<", html)


def test_plain_text_templates_keep_their_layout(tmp_path, settings):
    """E-mails are plain text: their layout is what the reader sees."""
    (tmp_path / "letter.txt").write_text("Bonjour,\n    une ligne en retrait\n")
    (tmp_path / "page.html").write_text("<p>\n    Bonjour\n</p>\n")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    engine = engines["django"]
    assert engine.get_template("letter.txt").render() == "Bonjour,\n    une ligne en retrait\n"
    assert engine.get_template("page.html").render() == "<p>\nBonjour\n</p>\n"


@pytest.mark.parametrize("name", ["base.html", "courses/lesson_page.html"])
def test_the_site_templates_go_through_the_loader(name):
    template = engines["django"].engine.get_template(name)
    assert type(template.origin.loader).__name__ == "IndentFreeLoader"

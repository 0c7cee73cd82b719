"""The site's own HTML templates, read without the indentation of their lines (nor the line breaks
of lines holding template tags only).

Templates are indented for whoever edits them; a browser collapses that whitespace, and it made a
twentieth of a lesson's HTML. This loader strips it once, when a template is read (the cached loader
keeps the compiled result), so a page pays nothing for it when rendered. Only the `.html` templates
under the project's `templates/` go through it: plain-text e-mails (`.txt`) keep their layout, and
Wagtail's and Django's own templates are read as they are.

What this asks of a template: no text whose leading spaces matter on a line of its own (a multi-line
`<pre>` or `<textarea>`, a multi-line `{% blocktranslate %}` without `trimmed`, whose message
would no longer match its translation). `tests/home/test_template_loader.py` checks every template.
"""

import re

from django.template.loaders.filesystem import Loader as FilesystemLoader

INDENTATION = re.compile(r"\n[ \t]+")
# A line holding template tags or comments only (`{% if … %}`, `{% endfor %}`): its line break would
# be a blank line in the page. The break before it stays, so text on either side stays apart.
TAGS_ONLY_LINE = re.compile(
    r"^((?:[ \t]*(?:\{%(?:(?!%\}).)*%\}|\{#(?:(?!#\}).)*#\}))+)[ \t]*\n", re.MULTILINE
)


def without_indentation(source: str) -> str:
    return TAGS_ONLY_LINE.sub(r"\1", INDENTATION.sub("\n", source))


class IndentFreeLoader(FilesystemLoader):
    """Django's filesystem loader (the `DIRS` of the template settings), indentation stripped from
    `.html` templates."""

    def get_contents(self, origin) -> str:
        contents = super().get_contents(origin)
        return without_indentation(contents) if origin.name.endswith(".html") else contents

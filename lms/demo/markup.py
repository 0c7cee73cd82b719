"""Markdown from the data files, turned into the HTML Wagtail rich text stores."""

import markdown

_converter = markdown.Markdown(extensions=["sane_lists"], output_format="html")


def rich_text(source: str) -> str:
    """Markdown → HTML with <b>/<i> (Wagtail's rich text editor stores those, not strong/em)."""
    _converter.reset()
    html = _converter.convert(source.strip())
    for tag, replacement in (("strong", "b"), ("em", "i")):
        html = html.replace(f"<{tag}>", f"<{replacement}>").replace(f"</{tag}>", f"</{replacement}>")
    return html

"""A page's text as a reader sees it: plain fields as typed, rich text reduced to its text with its
entities decoded once, and the text typed in a StreamField's blocks, read from the stored value so
that images and documents are never fetched. Search indexes it; search excerpts show it."""

from typing import Any

from wagtail import blocks
from wagtail.fields import RichTextField
from wagtail.rich_text import get_text_for_indexing


def field_text(page, name: str, language: str | None = None) -> str:
    """The text of `page.<name>`, in `language` (that language's own value, no fallback) or, without
    it, as the page shows it in the active language."""
    value = getattr(page, f"{name}_{language}" if language else name, None)
    if not value:
        return ""
    if hasattr(value, "stream_block"):
        return " ".join(block_texts(value.stream_block, list(value.raw_data)))
    if isinstance(page._meta.get_field(name), RichTextField):
        return get_text_for_indexing(value)
    return str(value)


def _list_item(raw: Any) -> Any:
    # A list item is stored either as its value or, since Wagtail 2.16, as {"type", "value", "id"}.
    return raw["value"] if isinstance(raw, dict) and {"id", "value"} <= raw.keys() else raw


def block_texts(block: blocks.Block, raw: Any) -> list[str]:
    """The text typed in a block's stored value: rich text decoded, plain text as it is; links'
    addresses, choices and media left out."""
    if not raw:
        return []
    if isinstance(block, blocks.RichTextBlock):
        return [get_text_for_indexing(raw)]
    if isinstance(block, blocks.CharBlock | blocks.TextBlock):
        return [raw]
    if isinstance(block, blocks.StructBlock):
        if not getattr(block, "is_public", lambda _raw: True)(raw):
            return []  # e.g. an unverified fact: trainees never read it, so search never shows it
        return [
            text for name, child in block.child_blocks.items() for text in block_texts(child, raw.get(name))
        ]
    if isinstance(block, blocks.ListBlock):
        return [text for item in raw for text in block_texts(block.child_block, _list_item(item))]
    if isinstance(block, blocks.StreamBlock):
        return [
            text
            for item in raw
            if item.get("type") in block.child_blocks
            for text in block_texts(block.child_blocks[item["type"]], item.get("value"))
        ]
    return []

"""Estimated reading time of a lesson, from the text of its blocks (no rendering needed)."""

import math
import re

from django.utils.html import strip_tags

WORDS_PER_MINUTE = 180  # adults reading professional content, often in a second language
WORD = re.compile(r"\w+", re.UNICODE)
NON_TEXT_KEYS = {"id", "type", "kind", "level", "url", "image", "document", "video", "poster"}


def count_words(text: str) -> int:
    return len(WORD.findall(strip_tags(text)))


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for key, item in value.items() if key not in NON_TEXT_KEYS for t in _texts(item)]
    if isinstance(value, list):
        return [t for item in value for t in _texts(item)]
    return []


def reading_minutes(body) -> int:
    """Minutes to read a StreamField body, at least one."""
    words = sum(count_words(text) for text in _texts(list(body.raw_data)))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))

"""Estimated reading time of a lesson, from the text of its blocks (no rendering needed)."""

import math
import re

from django.utils.html import strip_tags

from .page_text import block_texts

WORDS_PER_MINUTE = 180  # adults reading professional content, often in a second language
WORD = re.compile(r"\w+", re.UNICODE)


def count_words(text: str) -> int:
    return len(WORD.findall(strip_tags(text)))


def reading_minutes(body) -> int:
    """Minutes to read a StreamField body, at least one."""
    words = sum(count_words(text) for text in block_texts(body.stream_block, list(body.raw_data)))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))

"""Reflection prompts: a case study's « Pour réfléchir » question that asks for an answer.

The lesson lists its prompts; where the answers go (the trainee's workbook, in `lms.practice`) plugs
in with `register_reflection_provider`, which turns the prompts into what the lesson shows below its
body (a small form each, with its address and the answer already given). Courses never import it.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Prompt:
    block_id: str
    title: str
    question: str


_providers: list[Callable] = []


def register_reflection_provider(provider: Callable) -> Callable:
    """`provider(*, request, page, prompts) -> list` of what the lesson template shows per prompt."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def _asking(body) -> list[dict]:
    """The body's case studies that ask for an answer, as stored: their fields are plain text, so
    the blocks are not built (building every block of a lesson cost more than rendering it from
    the cache)."""
    return [
        item
        for item in body.raw_data
        if item["type"] == "case_study" and item["value"].get("asks_for_answer")
    ]


def reflection_prompts(*, page) -> list[Prompt]:
    """The case studies of the lesson's body (in the active language) that ask for an answer."""
    return [
        Prompt(block_id=item["id"], title=item["value"]["title"], question=item["value"]["question"])
        for item in _asking(page.body)
    ]


def _prompt_ids(body) -> list[str]:
    return [item["id"] for item in _asking(body)]


def same_prompt_ids(*, page) -> dict[str, frozenset[str]]:
    """Each prompt's block id → the ids of the same prompt in every language's body (the n-th prompt
    that asks for an answer in each): an answer given in one language shows in the others."""
    from home.languages import language_codes, localized

    by_language = [_prompt_ids(getattr(page, localized("body", code)) or []) for code in language_codes()]
    positions = max((len(ids) for ids in by_language), default=0)
    groups = [frozenset(ids[n] for ids in by_language if n < len(ids)) for n in range(positions)]
    return {block_id: group for group in groups for block_id in group}


def reflections(*, request, page) -> list:
    prompts = reflection_prompts(page=page)
    if not prompts or not request.user.is_authenticated:
        return []
    return [item for provider in _providers for item in provider(request=request, page=page, prompts=prompts)]

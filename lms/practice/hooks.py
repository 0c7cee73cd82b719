"""What the workbook plugs into lower apps: the reflection forms below a lesson."""

from django.urls import reverse

from courses.reflections import register_reflection_provider, same_prompt_ids

from ..models import ReflectionAnswer
from .workbook import ANSWER_MAX_LENGTH


@register_reflection_provider
def reflection_forms(*, request, page, prompts) -> list[dict]:
    """Each prompt with its form's address and the answer the trainee already gave, in whichever
    language it was given (one query)."""
    same = same_prompt_ids(page=page)
    given = {a.block_id: a for a in ReflectionAnswer.objects.filter(owner=request.user, lesson=page.pk)}
    answers = {}
    for prompt in prompts:
        found = [given[i] for i in same.get(prompt.block_id, {prompt.block_id}) if i in given]
        if found:
            answers[prompt.block_id] = max(found, key=lambda a: a.answered_at)
    return [
        {
            "prompt": prompt,
            "action": reverse(
                "lms:practice:reflection_answer", kwargs={"lesson_id": page.pk, "block_id": prompt.block_id}
            ),
            "answer": answers[prompt.block_id].answer if prompt.block_id in answers else "",
            "answered_at": answers[prompt.block_id].answered_at if prompt.block_id in answers else None,
            "max_length": ANSWER_MAX_LENGTH,
        }
        for prompt in prompts
    ]

"""What the workbook plugs into lower apps: the reflection forms below a lesson."""

from django.urls import reverse

from courses.reflections import register_reflection_provider

from ..models import ReflectionAnswer
from .workbook import ANSWER_MAX_LENGTH


@register_reflection_provider
def reflection_forms(*, request, page, prompts) -> list[dict]:
    """Each prompt with its form's address and the answer the trainee already gave (one query)."""
    answers = {
        a.block_id: a
        for a in ReflectionAnswer.objects.filter(
            owner=request.user, lesson=page.pk, block_id__in=[p.block_id for p in prompts]
        )
    }
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

"""Rules of the trainee's workbook, « Mon carnet de plaidoyer »: who reads it, saving reflection
answers, starting and saving worksheets, and what a worksheet shows (values, problems, the grid of
the targets, the roadmap)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from courses.models import LessonPage, WorksheetTemplate
from courses.reflections import reflection_prompts, same_prompt_ids
from courses.worksheets import TemplateSpec, spec_from_data
from courses.worksheets.presentation import ActorNames, WorksheetView, actor_names_in, present
from home.roles import Role, has_role

from ..models import ReflectionAnswer, Worksheet

ANSWER_MAX_LENGTH = 5000


def may_read(*, user, owner_id: int) -> bool:
    """A workbook is read by its owner and by the trainers; not by the task force, nor other trainees."""
    return user.is_authenticated and (user.pk == owner_id or has_role(user, Role.TRAINER))


def readable_worksheets(*, user) -> QuerySet:
    if has_role(user, Role.TRAINER):
        return Worksheet.objects.all()
    return Worksheet.objects.filter(owner=user) if user.is_authenticated else Worksheet.objects.none()


def live_templates() -> QuerySet:
    return WorksheetTemplate.objects.filter(live=True)


@transaction.atomic
def save_reflection(*, user, lesson: LessonPage, block_id: str, answer: str) -> ReflectionAnswer:
    """Save the trainee's answer with the prompt as it reads now; a later answer replaces it, with
    the prompt as it reads then."""
    prompt = next((p for p in reflection_prompts(page=lesson) if p.block_id == block_id), None)
    if prompt is None:
        raise ValidationError(_("This question no longer asks for an answer."))
    answer = answer.strip()
    if not answer:
        raise ValidationError(_("Write your answer before saving it."))
    if len(answer) > ANSWER_MAX_LENGTH:
        raise ValidationError(
            _("Your answer is too long (at most %(count)s characters).") % {"count": ANSWER_MAX_LENGTH}
        )
    fields = {"prompt": f"{prompt.title}\n{prompt.question}", "answer": answer, "lesson_title": lesson.title}
    # The same prompt answered before in another language: that answer is replaced, not doubled.
    same = same_prompt_ids(page=lesson).get(block_id, {block_id})
    earlier = (
        ReflectionAnswer.objects.select_for_update()
        .filter(owner=user, lesson=lesson, block_id__in=same)
        .first()
    )
    if earlier is None:
        return ReflectionAnswer.objects.create(owner=user, lesson=lesson, block_id=block_id, **fields)
    for name, value in {"block_id": block_id, **fields}.items():
        setattr(earlier, name, value)
    earlier.save()
    return earlier


@transaction.atomic
def start_worksheet(*, user, template: WorksheetTemplate) -> Worksheet:
    """A new draft worksheet, keeping the template's sections as they are now."""
    if not template.live:
        raise ValidationError(_("This template is not published."))
    return Worksheet.objects.create(
        owner=user,
        template=template,
        title=template.title,
        template_titles=template.titles(),
        structure=template.structure(),
    )


@transaction.atomic
def save_worksheet(*, worksheet: Worksheet, title: str, values: dict) -> Worksheet:
    worksheet.title = title.strip() or worksheet.title
    worksheet.values = values
    worksheet.full_clean()
    worksheet.save()
    return worksheet


def spec_of_worksheet(worksheet: Worksheet) -> TemplateSpec:
    return spec_from_data(title=worksheet.template_titles, sections=worksheet.structure)


def actor_names(*, worksheets: list[Worksheet]) -> ActorNames:
    """The names of every actor the worksheets refer to, in one query."""
    return actor_names_in(filled=[(spec_of_worksheet(w), w.values) for w in worksheets])


def worksheet_view(*, worksheet: Worksheet, names: ActorNames | None = None) -> WorksheetView:
    if names is None:
        names = actor_names(worksheets=[worksheet])
    return present(
        template=spec_of_worksheet(worksheet),
        values=worksheet.values,
        actors=names.full,
        short_names=names.short,
        title=worksheet.title,
        worksheet=worksheet,
    )


@dataclass(frozen=True)
class Workbook:
    owner: object
    reflections: list[ReflectionAnswer]
    worksheets: list[WorksheetView]


def workbook_of(*, owner) -> Workbook:
    """Everything in a trainee's workbook, in three queries whatever its size."""
    answers = list(ReflectionAnswer.objects.filter(owner=owner).order_by("answered_at"))
    worksheets = list(Worksheet.objects.filter(owner=owner).order_by("-updated_at"))
    names = actor_names(worksheets=worksheets)
    return Workbook(
        owner=owner,
        reflections=answers,
        worksheets=[worksheet_view(worksheet=w, names=names) for w in worksheets],
    )

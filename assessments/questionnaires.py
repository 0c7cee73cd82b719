"""Answering a questionnaire: drafts, submission, anonymity.

A named response stays linked to its respondent and can be changed until the questionnaire closes.
An anonymous response is linked only while it is a draft (so the trainee can come back to it); on
submission the link is removed and a separate Participation record, holding nothing of the answers,
prevents a second response. Dates are stored without times.

Who may answer (`answer_refusal`, and `meant_for` as a query filter for the to-do list): trainees
only, and only those of the questionnaire's cohort when it names one. The refusal is checked again
on every write, not only when the page is shown.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.roles import Role, has_role

from .models import ItemAnswer, Participation, QuestionnairePage, Response
from .models.questionnaires import ResponseStatus


class ResponseRefused(Exception):
    message = _("This action is not possible.")

    def __str__(self) -> str:
        return str(self.message)


class QuestionnaireClosed(ResponseRefused):
    message = _("This questionnaire is closed: answers can no longer be given or changed.")


class AlreadyAnswered(ResponseRefused):
    message = _("You have already answered this questionnaire.")


class NotATrainee(ResponseRefused):
    message = _("This questionnaire is answered by trainees. Its results are in the review area.")


class OutsideCohort(ResponseRefused):
    message = _(
        "This questionnaire is meant for the trainees of another cohort: you cannot answer it. "
        "If you think this is a mistake, ask your trainer."
    )


def meant_for(*, user) -> Q:
    """The questionnaires a trainee is expected to answer, as a query filter (role apart)."""
    return Q(cohort__isnull=True) | Q(cohort__trainees=user)


def answer_refusal(*, user, questionnaire: QuestionnairePage) -> ResponseRefused | None:
    """Why `user` may not answer this questionnaire at all, or None if they may."""
    if not has_role(user, Role.TRAINEE):
        return NotATrainee()
    if questionnaire.cohort_id is not None and not questionnaire.cohort.trainees.filter(pk=user.pk).exists():
        return OutsideCohort()
    return None


@dataclass(frozen=True)
class ItemValue:
    number: int | None = None
    importance: int | None = None
    selection: list[int] = field(default_factory=list)
    text: str = ""


def has_participated(*, user, questionnaire: QuestionnairePage) -> bool:
    return Participation.objects.filter(user=user, questionnaire=questionnaire).exists()


def linked_response(*, user, questionnaire: QuestionnairePage) -> Response | None:
    """The response the trainee can still see: a draft, or a submitted named response."""
    return Response.objects.filter(questionnaire=questionnaire, respondent=user).first()


def saved_values(response: Response | None) -> dict[int, ItemValue]:
    if response is None:
        return {}
    return {
        answer.item_id: ItemValue(answer.number, answer.importance, list(answer.selection), answer.text)
        for answer in response.answers.all()
    }


def _check_can_write(user, questionnaire: QuestionnairePage) -> None:
    refusal = answer_refusal(user=user, questionnaire=questionnaire)
    if refusal is not None:
        raise refusal
    if not questionnaire.is_open():
        raise QuestionnaireClosed
    if questionnaire.is_anonymous and has_participated(user=user, questionnaire=questionnaire):
        raise AlreadyAnswered


def _write_answers(response: Response, values: dict[int, ItemValue]) -> None:
    response.answers.all().delete()
    ItemAnswer.objects.bulk_create(
        ItemAnswer(
            response=response,
            item_id=item_id,
            number=value.number,
            importance=value.importance,
            selection=value.selection,
            text=value.text,
        )
        for item_id, value in values.items()
    )


def _lock_user(user) -> None:
    get_user_model().objects.select_for_update().filter(pk=user.pk).exists()


@transaction.atomic
def save_draft(*, user, questionnaire: QuestionnairePage, values: dict[int, ItemValue]) -> Response:
    _lock_user(user)
    _check_can_write(user, questionnaire)
    # A submitted named response being changed stays submitted, with the new answers.
    response, _created = Response.objects.get_or_create(questionnaire=questionnaire, respondent=user)
    _write_answers(response, values)
    return response


@transaction.atomic
def submit_response(*, user, questionnaire: QuestionnairePage, values: dict[int, ItemValue]) -> Response:
    """Submit (or, when named, update) the trainee's response in one transaction."""
    _lock_user(user)
    _check_can_write(user, questionnaire)
    today = timezone.localdate()
    response, _created = Response.objects.get_or_create(questionnaire=questionnaire, respondent=user)
    _write_answers(response, values)
    response.status = ResponseStatus.SUBMITTED
    response.submitted_on = today
    if questionnaire.is_anonymous:
        response.respondent = None
    response.save()
    Participation.objects.get_or_create(
        questionnaire=questionnaire, user=user, defaults={"submitted_on": today}
    )
    return response

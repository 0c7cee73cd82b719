"""Answering a questionnaire: drafts, submission, anonymity.

A named response stays linked to its respondent and can be changed until the questionnaire closes.
An anonymous response is linked only while it is a draft (so the trainee can come back to it). On
submission the draft is deleted and its answers join the questionnaire's other anonymous responses,
which are all written anew in a random order with new ids; the participations (who has answered,
no date) are written anew in a random order too. So nothing in the database (ids, row order, answer
ids, drafts) pairs a participation with a response. Dates are stored without times.

Who may answer (`answer_refusal`, and `meant_for` / `meant_for_cohort` as query filters for the
to-do list, the calendar and a cohort's weekly summary): trainees only, and only those of the
questionnaire's cohort when it names one. The refusal is checked again on every write, not only
when the page is shown.
"""

import random
from dataclasses import asdict, dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from home.refusals import Refusal
from home.roles import Role, has_role

from .models import ItemAnswer, Participation, QuestionnairePage, Response
from .models.questionnaires import ResponseStatus


class ResponseRefused(Refusal):
    """Answering refused, with the reason for the trainee."""


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


def is_meant_for(*, cohort_id: int | None, trainee_cohorts: set[int]) -> bool:
    """`meant_for` as a test on one questionnaire (its cohort), given the trainee's cohorts."""
    return cohort_id is None or cohort_id in trainee_cohorts


def meant_for_cohort(*, cohort) -> Q:
    """`meant_for` the trainees of `cohort` as a group: no cohort named, or this one."""
    return Q(cohort__isnull=True) | Q(cohort=cohort)


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


def anonymous_done(*, user, questionnaire: QuestionnairePage) -> bool:
    """Whether the trainee has submitted this anonymous questionnaire: their answers are no longer
    theirs to see or change."""
    return questionnaire.is_anonymous and has_participated(user=user, questionnaire=questionnaire)


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
    if anonymous_done(user=user, questionnaire=questionnaire):
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
def submit_response(
    *, user, questionnaire: QuestionnairePage, values: dict[int, ItemValue]
) -> Response | None:
    """Submit (or, when named, update) the trainee's response in one transaction.

    Returns the named response; None for an anonymous one, which is tied to nobody.
    """
    _lock_user(user)
    _check_can_write(user, questionnaire)
    today = timezone.localdate()
    if questionnaire.is_anonymous:
        _submit_anonymously(user=user, questionnaire=questionnaire, values=values, today=today)
        return None
    response, _created = Response.objects.get_or_create(questionnaire=questionnaire, respondent=user)
    _write_answers(response, values)
    response.status = ResponseStatus.SUBMITTED
    response.submitted_on = today
    response.save()
    Participation.objects.get_or_create(questionnaire=questionnaire, user=user)
    return response


_shuffle = random.SystemRandom().shuffle
ANSWER_FIELDS = ("item_id", "number", "importance", "selection", "text")


@dataclass(frozen=True)
class _StoredResponse:
    submitted_on: date | None
    released: bool
    answers: list[dict]


def _answer_fields(item_id: int, value: ItemValue) -> dict:
    return {"item_id": item_id, **asdict(value)}  # ItemValue's fields are ItemAnswer's


def _submit_anonymously(*, user, questionnaire: QuestionnairePage, values, today: date) -> None:
    # One anonymous submission at a time per questionnaire: each re-writes the others.
    Page.objects.select_for_update().filter(pk=questionnaire.pk).exists()
    Response.objects.filter(questionnaire=questionnaire, respondent=user).delete()  # the draft
    new = _StoredResponse(
        today,
        False,
        [_answer_fields(item_id, value) for item_id, value in values.items()],
    )
    reshuffle_anonymous_responses(questionnaire=questionnaire, adding=new)
    Participation.objects.get_or_create(questionnaire=questionnaire, user=user)
    reshuffle_participations(questionnaire=questionnaire)


def _overwrite_deleted_rows() -> None:
    """SQLite keeps deleted rows in its file until they are overwritten: have them zeroed at once."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")


def reshuffle_anonymous_responses(*, questionnaire: QuestionnairePage, adding=None) -> None:
    """Write the questionnaire's submitted anonymous responses (and `adding`) anew, in a random order."""
    kept = Response.objects.filter(
        questionnaire=questionnaire, respondent=None, status=ResponseStatus.SUBMITTED
    ).prefetch_related("answers")
    stored = [
        _StoredResponse(
            response.submitted_on,
            response.released,
            [{name: getattr(answer, name) for name in ANSWER_FIELDS} for answer in response.answers.all()],
        )
        for response in kept
    ]
    if adding is not None:
        stored.append(adding)
    _shuffle(stored)
    _overwrite_deleted_rows()
    old_ids = [response.pk for response in kept]
    ItemAnswer.objects.filter(response__in=old_ids).delete()
    Response.objects.filter(pk__in=old_ids).delete()
    created = Response.objects.bulk_create(
        Response(
            questionnaire=questionnaire,
            status=ResponseStatus.SUBMITTED,
            submitted_on=one.submitted_on,
            released=one.released,
        )
        for one in stored
    )
    ItemAnswer.objects.bulk_create(
        ItemAnswer(response=response, **answer)
        for response, one in zip(created, stored, strict=True)
        for answer in one.answers
    )


def reshuffle_participations(*, questionnaire: QuestionnairePage) -> None:
    """Write the questionnaire's participations anew, in a random order."""
    users = list(Participation.objects.filter(questionnaire=questionnaire).values_list("user_id", flat=True))
    _shuffle(users)
    _overwrite_deleted_rows()
    Participation.objects.filter(questionnaire=questionnaire).delete()
    Participation.objects.bulk_create(Participation(questionnaire=questionnaire, user_id=pk) for pk in users)

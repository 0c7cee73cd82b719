"""Questionnaire results for the task force: which responses count, who has not answered, and each
question's results from its kind's handler (`questionnaire_kinds.py`, figures in `survey_figures.py`).

Anonymous questionnaires show no figure below ANONYMITY_THRESHOLD responses and only once closed.
What has been shown is frozen: a response given later (the questionnaire reopened, its deadline
extended) joins the results only once it is closed again and at least ANONYMITY_THRESHOLD such
responses wait, so that comparing results before and after never isolates one person's answers.
Free texts and exported rows are sorted by their content, never by when they were given.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone

from courses.models import Competence
from home.numbers import percent_of
from home.people import by_name, display_name, name_from
from home.roles import Role

from .models import ItemAnswer, Participation, QuestionnaireItem, QuestionnairePage, Response
from .models.questionnaires import ANONYMITY_THRESHOLD, ResponseStatus
from .questionnaire_kinds import Figures, OtherResult, handler_for
from .survey_figures import AnswerRow, ChoiceResult, CompetenceNeed, RankedCompetence, TextAnswers


@dataclass
class QuestionnaireResults:
    questionnaire: QuestionnairePage
    responses: int
    expected: int
    hidden: bool
    non_respondents: list = field(default_factory=list)
    needs: list[CompetenceNeed] = field(default_factory=list)
    heatmap_competences: list[Competence] = field(default_factory=list)
    heatmap: list[tuple[str, list[int | None]]] = field(default_factory=list)
    choices: list[ChoiceResult] = field(default_factory=list)
    rankings: list[tuple[QuestionnaireItem, list[RankedCompetence]]] = field(default_factory=list)
    texts: list[TextAnswers] = field(default_factory=list)
    others: list[OtherResult] = field(default_factory=list)  # kinds with their own display

    @property
    def response_rate(self) -> int:
        return percent_of(self.responses, self.expected)

    @property
    def threshold(self) -> int:
        return ANONYMITY_THRESHOLD

    @property
    def non_respondent_names(self) -> list[str]:
        return [display_name(user) for user in self.non_respondents]


NAME_FIELDS = ("id", "first_name", "last_name", "username")


def expected_respondents(questionnaire: QuestionnairePage) -> list:
    User = get_user_model()
    if questionnaire.cohort_id:
        users = User.objects.filter(cohorts=questionnaire.cohort_id)
    else:
        users = User.objects.filter(groups__name=Role.TRAINEE.value)
    users = users.filter(is_active=True).distinct().only(*NAME_FIELDS)
    return list(by_name(users))


def release_results(*, questionnaire: QuestionnairePage, now=None) -> int:
    """Let waiting anonymous responses into the results: only while the questionnaire is closed, and
    only ANONYMITY_THRESHOLD or more at once. Returns how many were let in."""
    if not questionnaire.is_anonymous or questionnaire.is_open(now):
        return 0
    with transaction.atomic():
        waiting = Response.objects.select_for_update().filter(
            questionnaire=questionnaire, status=ResponseStatus.SUBMITTED, released=False
        )
        if len(waiting) < ANONYMITY_THRESHOLD:
            return 0
        return Response.objects.filter(pk__in=[response.pk for response in waiting]).update(released=True)


def shown_responses(questionnaire: QuestionnairePage):
    """The responses the results are made of: every submitted one when named, the released ones when
    anonymous (after releasing what may be)."""
    submitted = Response.objects.filter(questionnaire=questionnaire, status=ResponseStatus.SUBMITTED)
    if not questionnaire.is_anonymous:
        return submitted
    release_results(questionnaire=questionnaire)
    return submitted.filter(released=True)


def is_hidden(questionnaire: QuestionnairePage, responses: int, now: datetime | None = None) -> bool:
    """`responses` is the number of shown responses (`shown_responses`: the released ones when
    anonymous, which are released only in groups of ANONYMITY_THRESHOLD or more). With `now` (results
    as they stood at a meeting), an anonymous questionnaire still open then shows nothing either."""
    if not questionnaire.is_anonymous:
        return False
    return responses < ANONYMITY_THRESHOLD or (now is not None and questionnaire.is_open(now=now))


def end_of_day(day: date) -> datetime:
    """The last instant of `day` in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time.max))


class ResponseRow(NamedTuple):
    pk: int
    respondent_id: int | None
    submitted_on: date | None
    respondent_name: str  # "" for an anonymous response


def _person_name(first_name: str, last_name: str, username: str) -> str:
    return name_from(first_name=first_name, last_name=last_name, username=username)


def submitted_answers(
    questionnaire: QuestionnairePage, as_of: date | None = None
) -> tuple[list[ResponseRow], list[AnswerRow]]:
    """The shown responses and their answers; with `as_of`, only those submitted on or before that day."""
    submitted = shown_responses(questionnaire)
    if as_of is not None:
        submitted = submitted.filter(submitted_on__lte=as_of)
    responses = [
        ResponseRow(pk, respondent_id, submitted_on, _person_name(*names) if respondent_id else "")
        for pk, respondent_id, submitted_on, *names in submitted.order_by("pk").values_list(
            "pk",
            "respondent_id",
            "submitted_on",
            "respondent__first_name",
            "respondent__last_name",
            "respondent__username",
        )
    ]
    answers = [
        AnswerRow(*values)
        for values in ItemAnswer.objects.filter(response__in=submitted)
        .annotate(selection_json=Cast("selection", TextField()))
        .values_list("response_id", "item_id", "number", "importance", "selection_json", "text")
    ]
    return responses, answers


def questionnaire_results(
    *, questionnaire: QuestionnairePage, as_of: date | None = None
) -> QuestionnaireResults:
    """The results now or, with `as_of` (a meeting date), as they stood at the end of that day:
    only responses submitted on or before it count, and the questionnaire's opening is read then."""
    expected = expected_respondents(questionnaire)
    responses, answers = submitted_answers(questionnaire, as_of)
    if as_of is None:
        participants = set(
            Participation.objects.filter(questionnaire=questionnaire).values_list("user_id", flat=True)
        )
    else:  # named responses keep their respondent, and Response.submitted_on is the date that counts
        participants = {response.respondent_id for response in responses}
    results = QuestionnaireResults(
        questionnaire=questionnaire,
        responses=len(responses),
        expected=len(expected),
        hidden=is_hidden(questionnaire, len(responses), end_of_day(as_of) if as_of else None),
    )
    if not questionnaire.is_anonymous:
        results.non_respondents = [user for user in expected if user.pk not in participants]
    if results.hidden:
        return results
    items = list(questionnaire.items.select_related("competence").order_by("sort_order"))
    by_item: dict[int, list[AnswerRow]] = defaultdict(list)
    for answer in answers:
        by_item[answer.item_id].append(answer)
    names = {r.pk: r.respondent_name for r in responses if r.respondent_id}
    figures = Figures(competences={c.pk: c for c in Competence.objects.all()}, names=names)
    for item in items:
        handler = handler_for(item.kind)
        section = getattr(results, handler.results_section)
        section.append(handler.aggregate(item=item, rows=by_item[item.pk], figures=figures))
    results.needs.sort(
        key=lambda need: (need.priority is None, -(need.priority or 0), need.competence.sort_order)
    )
    if not questionnaire.is_anonymous:
        rated = [item for item in items if handler_for(item.kind).results_section == "needs"]
        results.heatmap_competences, results.heatmap = _heatmap(rated, by_item, responses, names)
    return results


def _heatmap(rated, by_item, responses, names):
    """The current level each named respondent gave each rated competence."""
    levels = {(row.response_id, item.pk): row.number for item in rated for row in by_item[item.pk]}
    rows = [
        (names[response.pk], [levels.get((response.pk, item.pk)) for item in rated])
        for response in responses
        if response.pk in names
    ]
    return [item.competence for item in rated], sorted(rows, key=lambda row: row[0].casefold())

"""Rows of a questionnaire's responses for CSV / XLSX export, respecting anonymity."""

from django.utils.translation import gettext as _

from courses.models import Competence

from .models import QuestionnairePage
from .questionnaire_kinds import handler_for
from .survey_results import is_hidden, submitted_answers


def _columns(items) -> list[tuple[str, str]]:
    return [column for item in items for column in handler_for(item.kind).columns(item=item)]


def export_table(*, questionnaire: QuestionnairePage) -> tuple[dict[str, str], list[dict]]:
    """Headings by column key, and one row per submitted response (none while hidden)."""
    items = list(questionnaire.items.select_related("competence").order_by("sort_order"))
    columns = _columns(items)
    headings = dict(columns)
    named = not questionnaire.is_anonymous
    if named:
        headings = {"respondent": _("Respondent"), "submitted_on": _("Submitted on"), **headings}
    responses, answers = submitted_answers(questionnaire)
    if is_hidden(questionnaire, len(responses)):
        return headings, []
    competences = {c.pk: c for c in Competence.objects.all()}
    by_response = {(a.response_id, a.item_id): a for a in answers}
    rows = []
    for response in responses:
        row: dict = {}
        if named:
            row["respondent"] = response.respondent_name
            row["submitted_on"] = response.submitted_on
        for item in items:
            answer = by_response.get((response.pk, item.pk))
            row.update(handler_for(item.kind).cells(item=item, answer=answer, competences=competences))
        rows.append(row)
    key = (
        (lambda row: str(row.get("respondent", "")).casefold())
        if named
        else (lambda row: repr(list(row.values())))
    )
    return headings, sorted(rows, key=key)

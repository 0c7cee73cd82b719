"""Rows of a questionnaire's responses for CSV / XLSX export, respecting anonymity."""

from django.utils.translation import gettext as _

from courses.models import Competence

from .models import QuestionnairePage
from .models.questionnaires import ItemKind
from .survey_results import is_hidden, submitted_answers


def _columns(items) -> list[tuple[str, str]]:
    columns = []
    for item in items:
        if item.kind == ItemKind.COMPETENCE_RATING:
            columns.append(
                (f"i{item.pk}_level", _("%(competence)s: level") % {"competence": item.competence.name})
            )
            columns.append(
                (
                    f"i{item.pk}_importance",
                    _("%(competence)s: importance") % {"competence": item.competence.name},
                )
            )
        else:
            columns.append((f"i{item.pk}", item.label))
    return columns


def _cell(item, answer, competences) -> str | int | None:
    if answer is None:
        return None
    if item.kind in {ItemKind.SINGLE_CHOICE}:
        options = item.option_list
        return options[answer.number] if answer.number is not None and answer.number < len(options) else None
    if item.kind == ItemKind.RATING:
        return answer.number
    if item.kind in {ItemKind.MULTIPLE_CHOICE, ItemKind.AVAILABILITY}:
        options = item.option_list
        return "; ".join(options[i] for i in answer.selection if i < len(options))
    if item.kind == ItemKind.RANKING:
        return "; ".join(
            f"{rank}. {competences[cid].name}"
            for rank, cid in enumerate(answer.selection, 1)
            if cid in competences
        )
    return answer.text


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
            if item.kind == ItemKind.COMPETENCE_RATING:
                row[f"i{item.pk}_level"] = answer.number if answer else None
                row[f"i{item.pk}_importance"] = answer.importance if answer else None
            else:
                row[f"i{item.pk}"] = _cell(item, answer, competences)
        rows.append(row)
    key = (
        (lambda row: str(row.get("respondent", "")).casefold())
        if named
        else (lambda row: repr(list(row.values())))
    )
    return headings, sorted(rows, key=key)

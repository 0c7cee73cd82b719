"""The needs-assessment questionnaire and its simulated responses. Idempotent."""

import random
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone, translation

from assessments.models import Participation, QuestionnaireItem, QuestionnairePage, Response
from assessments.models.questionnaires import ItemKind
from assessments.questionnaires import ItemValue, submit_response
from courses.models import Cohort, Competence
from home.models import HomePage

from .course_content import DATA, LANGUAGES, _translated, read_toml, upsert_child


def _item_rows(data: dict, competences: dict[str, Competence]) -> list[dict]:
    rows = []
    for index, key in enumerate(data.get("rate_competences", [])):
        section = {
            f"section_{lang}": data[f"rating_section_{lang}"] if index == 0 else "" for lang in LANGUAGES
        }
        rows.append(
            {"kind": ItemKind.COMPETENCE_RATING, "competence": competences[key], "required": True, **section}
        )
    for item in data["item"]:
        row = {"kind": item["kind"], "required": item.get("required", True), "competence": None}
        for name in ("section", "label", "help_text", "options"):
            for lang in LANGUAGES:
                row[f"{name}_{lang}"] = item.get(f"{name}_{lang}", "")
        rows.append(row)
    return rows


@transaction.atomic
def load_questionnaire(
    home: HomePage,
    competences: dict[str, Competence],
    cohort: Cohort,
    path: Path = DATA / "needs_assessment.toml",
) -> QuestionnairePage:
    data = read_toml(path)
    existing = QuestionnairePage.objects.child_of(home).filter(slug_fr=data["slug_fr"]).first()
    fields = _translated(data, "title", "slug", "introduction", markdown_fields=())
    fields.update(purpose=data["purpose"], anonymity=data["anonymity"], cohort=cohort)
    if existing is None:
        fields["closes_at"] = timezone.now() + timedelta(days=data["closes_in_days"])
    else:
        fields["closes_at"] = existing.closes_at
    for lang in LANGUAGES:
        fields[f"introduction_{lang}"] = f"<p>{data[f'introduction_{lang}']}</p>"
    questionnaire = upsert_child(home, QuestionnairePage, data["slug_fr"], fields)
    wanted = _item_rows(data, competences)
    current = (
        [
            {key: getattr(item, key) for key in wanted[0]}
            for item in questionnaire.items.order_by("sort_order")
        ]
        if wanted
        else []
    )
    if current != wanted and not questionnaire.responses.exists():
        questionnaire.items.all().delete()
        with translation.override("fr"):
            for order, row in enumerate(wanted):
                QuestionnaireItem.objects.create(questionnaire=questionnaire, sort_order=order, **row)
    return questionnaire


# The demo's plausible answers, one small function per kind of question (free texts come from the
# data file); a kind missing here is left unanswered.
WEAK = {"C02", "C03", "C04", "C05"}  # funding and proposal: rated lower and more important
PRIORITIES = {"C02", "C03", "C04", "C05", "C07", "C10"}


def _rated(item, competences, rng) -> ItemValue:
    weak = item.competence.key in WEAK
    return ItemValue(
        number=rng.choice([1, 2, 2, 3] if weak else [2, 3, 3, 4]),
        importance=rng.choice([4, 5, 5] if weak else [3, 4, 5]),
    )


def _ranked(item, competences, rng) -> ItemValue:
    return ItemValue(selection=rng.sample([c.pk for c in competences if c.key in PRIORITIES], 3))


def _available(item, competences, rng) -> ItemValue:
    return ItemValue(selection=sorted(rng.sample(range(len(item.option_list)), 2)))


def _chosen(item, competences, rng) -> ItemValue:
    return ItemValue(number=rng.choice([0, 0, 1, 3]))


def _scaled(item, competences, rng) -> ItemValue:
    return ItemValue(number=rng.choice([1, 2, 2, 3]))


SIMULATED_ANSWERS = {
    ItemKind.COMPETENCE_RATING: _rated,
    ItemKind.RANKING: _ranked,
    ItemKind.AVAILABILITY: _available,
    ItemKind.SINGLE_CHOICE: _chosen,
    ItemKind.RATING: _scaled,
}


def _simulated_values(items, competences: list[Competence], rng: random.Random) -> dict[int, ItemValue]:
    return {
        item.pk: SIMULATED_ANSWERS[item.kind](item, competences, rng)
        for item in items
        if item.kind in SIMULATED_ANSWERS
    }


WRITTEN_KINDS = {ItemKind.FREE_TEXT}


def first_free_text(items):
    """The first free-text question, which the demo's written answers go to (None if there is none)."""
    return next((item for item in items if item.kind in WRITTEN_KINDS), None)


@transaction.atomic
def load_needs_responses(questionnaire: QuestionnairePage, cohort: Cohort, *, leave_out: int = 2) -> None:
    """Responses from all but the last `leave_out` trainees, so the to-do list and non-respondents show."""
    items = list(questionnaire.items.select_related("competence").order_by("sort_order"))
    competences = list(Competence.objects.order_by("sort_order"))
    trainees = list(cohort.trainees.order_by("username"))
    data = read_toml(DATA / "needs_assessment.toml")
    demo_texts = data.get("demo_free_text_answers", [])
    for index, trainee in enumerate(trainees[: max(0, len(trainees) - leave_out)]):
        if Participation.objects.filter(questionnaire=questionnaire, user=trainee).exists():
            continue
        rng = random.Random(f"needs-{trainee.username}")
        values = _simulated_values(items, competences, rng)
        text_item = first_free_text(items)
        if text_item and index < len(demo_texts):
            values[text_item.pk] = ItemValue(text=demo_texts[index])
        response = submit_response(user=trainee, questionnaire=questionnaire, values=values)
        # Given before the meeting whose minutes count them (Response.submitted_on is what they read).
        Response.objects.filter(pk=response.pk).update(submitted_on=data["responses_submitted_on"])

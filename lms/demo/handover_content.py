"""The facilitator notes (« notes d'animation ») of the demo: two lessons and the plan's first two
workshops, from `data/facilitator_notes.toml`. Loading again updates them and creates nothing twice."""

from pathlib import Path

from django.db import transaction

from courses.models import LessonPage

from ..models import FacilitatorNote, TrainingPlanPage
from .course_content import DATA, LANGUAGES, read_toml
from .plan_content import PLAN_FILE

FIELDS = ("session_plan", "timing", "materials", "answers")


def _subject(item: dict, plan: TrainingPlanPage, workshop_titles: dict[str, str]) -> dict:
    """The note's lesson (by its French slug) or the plan's workshop (by its key in the plan file)."""
    if "lesson" in item:
        return {"lesson": LessonPage.objects.get(slug_fr=item["lesson"])}
    return {"workshop": plan.workshops.get(title_fr=workshop_titles[item["workshop"]])}


@transaction.atomic
def load_facilitator_notes(
    plan: TrainingPlanPage, path: Path = DATA / "facilitator_notes.toml"
) -> list[FacilitatorNote]:
    workshop_titles = {item["key"]: item["title_fr"] for item in read_toml(PLAN_FILE)["workshop"]}
    notes = []
    for item in read_toml(path)["note"]:
        texts = {f"{name}_{lang}": item.get(f"{name}_{lang}", "") for name in FIELDS for lang in LANGUAGES}
        note, _created = FacilitatorNote.objects.update_or_create(
            **_subject(item, plan, workshop_titles), defaults=texts
        )
        notes.append(note)
    return notes

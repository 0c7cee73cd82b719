"""The starter course's assignments (one per module, with their rubrics) and the demo cohort's work
at every stage, from `data/assignments.toml`. Idempotent: a trainee's work already there is kept."""

from datetime import datetime, time, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from assessments import assignments as rules
from assessments.models import AssignmentPage, RubricCriterion, Submission
from assessments.models.assignments import RUBRIC_LEVELS, Decision, SubmissionMode
from courses.models import Cohort, Competence, ModulePage, WorksheetTemplate

from .activity import read_cohort
from .course_content import DATA, LANGUAGES, _translated, read_toml, upsert_child
from .practice_content import WORKBOOKS_FILE, _with_actor_ids

PATH = DATA / "assignments.toml"


def _cohort_start() -> datetime:
    return timezone.make_aware(datetime.combine(read_cohort()["start_date"], time(9, 0)))


def _sync_rubric(assignment: AssignmentPage, rubric: dict) -> None:
    wanted = []
    for criterion in rubric["criterion"]:
        row = {f"title_{lang}": criterion[f"title_{lang}"] for lang in LANGUAGES}
        for number in RUBRIC_LEVELS:
            for lang in LANGUAGES:
                levels = criterion[f"levels_{lang}"]
                row[f"level_{number}_{lang}"] = levels[number - 1] if number <= len(levels) else ""
            row[f"points_{number}"] = rubric["points"][number - 1] if number <= len(rubric["points"]) else 0
        wanted.append(row)
    names = list(wanted[0]) if wanted else []
    current = [{name: getattr(c, name) for name in names} for c in assignment.criteria.all()]
    if current == wanted:
        return
    assignment.criteria.all().delete()
    RubricCriterion.objects.bulk_create(
        RubricCriterion(assignment=assignment, sort_order=order, title=row["title_fr"], **row)
        for order, row in enumerate(wanted)
    )


def _sync_competences(assignment: AssignmentPage, wanted: list[Competence]) -> None:
    """The competences the work shows, published with the page (a parental many-to-many is written
    when the page is saved: set alone, it was lost). A new revision only when they changed."""
    if set(assignment.competences.values_list("pk", flat=True)) == {c.pk for c in wanted}:
        return
    assignment.competences.set(wanted)
    assignment.save_revision().publish()


@transaction.atomic
def load_assignments(
    modules: dict[str, ModulePage],
    competences: dict[str, Competence],
    path: Path = PATH,
    templates: dict[str, WorksheetTemplate] | None = None,
) -> dict[str, AssignmentPage]:
    """The assignments; a template assignment's template is looked up by slug in `templates`."""
    data = read_toml(path)
    rubrics = {rubric["key"]: rubric for rubric in data["rubric"]}
    start = _cohort_start()
    assignments = {}
    for item in data["assignment"]:
        fields = _translated(item, "title", "slug", "instructions", markdown_fields=("instructions",))
        fields["max_revisions"] = item.get("max_revisions", 2)
        fields["due_at"] = start + timedelta(days=item["due_in_days"])
        fields["submission_mode"] = item.get("submission_mode", SubmissionMode.TEXT)
        if "worksheet_template" in item:
            fields["worksheet_template"] = (templates or {})[item["worksheet_template"]]
        assignment = upsert_child(modules[item["module"]], AssignmentPage, item["slug_fr"], fields)
        _sync_rubric(assignment, rubrics[item["rubric"]])
        _sync_competences(assignment, [competences[key] for key in item.get("competences", [])])
        assignments[item["key"]] = assignment
    return assignments


DRAFT_TEXT = (
    "Note à l'attention de la Délégation de l'UE (cas fictif).\n\n"
    "Problème : les retours accompagnés restent peu suivis après six mois (données agrégées du "
    "Dispositif Tounesna).\nDemande : inscrire le suivi de la réintégration dans la prochaine "
    "programmation.\nMessage : un euro investi dans le suivi protège l'investissement initial."
)
REVISED_TEXT = DRAFT_TEXT + (
    "\n\nRévision : cibles distinguées (Délégation de l'UE, OFII, GIZ), demande datée (comité de "
    "pilotage de mars), chiffres sourcés."
)

ACCEPTED_COMMENT = "Travail clair et utilisable."
RETURNED_COMMENT = "Ciblez une institution précise."

STEPS = {
    "draft": [],
    "submitted": ["submit"],
    "feedback_drafted": ["submit", "draft_feedback"],
    "returned": ["submit", "return"],
    "revised": ["submit", "return", "revise"],
    "accepted": ["submit", "accept"],
    "revised_accepted": ["submit", "return", "revise", "accept"],
}


def _marks(assignment: AssignmentPage, level: int) -> dict:
    return {
        c.pk: rules.MarkInput(level=level, comment="Précisez la demande et la date." if level < 4 else "")
        for c in assignment.criteria.all()
    }


def _template_work(assignment: AssignmentPage) -> tuple[dict, dict]:
    """A template assignment's first and revised values: the workbook's worksheet of the same template
    (`workbooks.toml`), then the same with one more roadmap action."""
    template = assignment.worksheet_template
    sample = next(w for w in read_toml(WORKBOOKS_FILE)["worksheet"] if w["template"] == template.slug)
    first = _with_actor_ids(sample["values"], template)
    revised = {**first, "actions": [*first.get("actions", []), REVISED_ACTION]}
    return first, revised


REVISED_ACTION = {
    "action": "Séminaire de restitution avec les partenaires",
    "date": "2027-05-20",
    "owner": "Direction générale de l'OTE",
    "status": "planned",
}


def _play(trainee, assignment: AssignmentPage, stage: str, trainer, when: datetime) -> None:
    if assignment.submission_mode == SubmissionMode.TEMPLATE:
        first, revised = _template_work(assignment)
        work, revision = {"values": first}, {"values": revised}
    else:
        work, revision = {"text": DRAFT_TEXT}, {"text": REVISED_TEXT}
    rules.save_draft(user=trainee, assignment=assignment, now=when, **work)
    for step in STEPS[stage]:
        when += timedelta(days=2)
        if step == "submit":
            version = rules.submit(user=trainee, assignment=assignment, now=when)
        elif step == "revise":
            rules.save_draft(user=trainee, assignment=assignment, now=when, **revision)
            version = rules.submit(user=trainee, assignment=assignment, now=when)
        elif step == "draft_feedback":
            marks = _marks(assignment, 3)
            rules.save_feedback(
                version=version, reviewer=trainer, marks=marks, overall_comment="À compléter.", now=when
            )
        else:
            accept = step == "accept"
            rules.save_feedback(
                version=version,
                reviewer=trainer,
                marks=_marks(assignment, 4 if accept else 2),
                overall_comment=ACCEPTED_COMMENT if accept else RETURNED_COMMENT,
                decision=Decision.ACCEPT if accept else Decision.RETURN,
                release=True,
                now=when,
            )


def load_assignment_activity(
    cohort: Cohort, assignments: dict[str, AssignmentPage], path: Path = PATH
) -> None:
    """Each trainee's work as `[activity]` says, written once (a trainee's work already there stays)."""
    activity = read_toml(path).get("activity", {})
    trainer = get_user_model().objects.filter(username="formateur").first()
    start = _cohort_start()
    trainees = {user.username: user for user in cohort.trainees.filter(username__in=activity)}
    for username, stages in activity.items():
        trainee = trainees.get(username)
        if trainee is None:
            continue
        for offset, (key, stage) in enumerate(stages.items()):
            assignment = assignments[key]
            if Submission.objects.filter(user=trainee, assignment=assignment).exists():
                continue
            with transaction.atomic():
                _play(trainee, assignment, stage, trainer, start + timedelta(days=7 * (offset + 1)))

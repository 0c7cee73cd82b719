"""The evaluation report of a training plan, by Kirkpatrick level, and its indicator sheet.

Level 1 (reaction) and level 2 (learning) are the training report's (`lms.training.reports`):
satisfaction and knowledge gain per workshop. This module adds:

- Level 3, behaviour: the trainees' commitments and where their latest check-in left them; per
  competence, the needs assessment's mean self-rated level (the baseline) beside the mean of the
  latest check-in re-ratings; the six-month application survey.
- Level 4, results: the outcomes trainers logged for the plan (contribution, not attribution).
- The indicator sheet: baseline, target (set on the plan), current value, source of verification.
- Breakdowns by sex and by institution, every one through `home.disclosure.protect`.

Who counts: the plan cohort's members in no staff role (`home.roles.STAFF_ROLES`), as in
`home.roles.counts_as_trainee`, read in one query.
A trainee *reports an improvement* when the latest re-rating of a competence they committed on is
above their own needs-assessment level for it (the cohort's mean level when their answer is not
linked to them: an anonymous needs assessment). A trainee *applied a competence* when one of their
commitments has a check-in marked done (at four weeks, three or six months).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from assessments.models import ItemAnswer, QuestionnairePage
from assessments.models.questionnaires import ItemKind, QuestionnairePurpose, ResponseStatus
from assessments.questionnaire_kinds import handler_for
from assessments.survey_results import QuestionnaireResults, questionnaire_results
from home.disclosure import SMALL_CELL, Breakdown, protect
from home.languages import isolated
from home.numbers import percent_of, rounded
from home.roles import STAFF_ROLES

from ..models import (
    CheckInStatus,
    Commitment,
    Institution,
    Outcome,
    OutcomeKind,
    Sex,
    TraineeProfile,
    TrainingPlanPage,
)
from ..training.reports import PlanReport, plan_report
from .checkins import commitments_with_check_ins
from .coaching import latest_check_in

NOT_STATED = ""


@dataclass(frozen=True)
class CompetenceChange:
    """Per competence, the mean levels the task force reads: a mean of fewer than `SMALL_CELL`
    people's answers (one person's own rating, or two) is not shown, as a small cell is not."""

    competence: object
    baseline: Decimal | None  # mean needs-assessment level; None when none, or fewer than 3 answers
    baseline_n: int
    current: Decimal | None  # mean latest re-rating; None when none, or fewer than 3 people
    current_n: int

    @property
    def change(self) -> Decimal | None:
        if self.baseline is None or self.current is None:
            return None
        return self.current - self.baseline

    @property
    def baseline_count(self) -> str:
        return _how_many(self.baseline_n)

    @property
    def current_count(self) -> str:
        return _how_many(self.current_n)


def _how_many(n: int) -> str:
    return f"n < {SMALL_CELL}" if n < SMALL_CELL else f"n = {n}"


@dataclass(frozen=True)
class SurveyQuestion:
    """One choice question of the six-month survey: how many chose each option, protected."""

    label: str
    answers: Breakdown
    several: bool  # several options may be ticked: shares are of the respondents, no total


@dataclass(frozen=True)
class Behaviour:
    commitments: int
    by_status: dict[str, int]  # latest check-in status, "" for none yet
    committed_trainees: int
    changes: list[CompetenceChange]
    improved: set[int]  # trainee ids
    applied: set[int]  # trainee ids
    survey: QuestionnaireResults | None
    survey_questions: list[SurveyQuestion] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.by_status.get(CheckInStatus.DONE, 0)

    @property
    def done_rate(self) -> int:
        return percent_of(self.done, self.commitments)

    @property
    def status_rows(self) -> list[tuple[str, int, int]]:
        labels = [*CheckInStatus.choices, (NOT_STATED, _("No check-in yet"))]
        return [
            (str(label), self.by_status.get(key, 0), percent_of(self.by_status.get(key, 0), self.commitments))
            for key, label in labels
        ]


@dataclass(frozen=True)
class Results:
    counts: dict[str, int]
    outcomes: list[Outcome]

    @property
    def rows(self) -> list[tuple[str, int]]:
        return [(str(label), self.counts.get(key, 0)) for key, label in OutcomeKind.choices]


@dataclass(frozen=True)
class Indicator:
    name: str
    baseline: str
    target: str
    current: str
    source: str
    met: bool | None = None  # None: no target
    baseline_is_sentence: bool = False  # else a figure, isolated left to right on the page


@dataclass(frozen=True)
class BreakdownTable:
    title: str
    by_sex: Breakdown
    by_institution: Breakdown


@dataclass(frozen=True)
class EvaluationReport:
    plan: TrainingPlanPage
    training: PlanReport  # levels 1 and 2, as the training report shows them
    trainees: int
    completed: set[int]
    behaviour: Behaviour
    results: Results
    indicators: list[Indicator] = field(default_factory=list)
    breakdowns: list[BreakdownTable] = field(default_factory=list)


# Baseline: the needs assessment ----------------------------------------------------------------


def needs_assessment_for(plan: TrainingPlanPage) -> QuestionnairePage | None:
    """The needs assessment of the plan's cohort, else the latest one for every trainee."""
    questionnaires = QuestionnairePage.objects.live().filter(purpose=QuestionnairePurpose.NEEDS_ASSESSMENT)
    own = questionnaires.filter(cohort_id=plan.cohort_id).order_by("-first_published_at").first()
    return own or questionnaires.filter(cohort__isnull=True).order_by("-first_published_at").first()


def baseline_levels(questionnaire: QuestionnairePage | None) -> tuple[dict, dict]:
    """Per competence id: every submitted level; and per (person, competence): their level."""
    levels: dict[int, list[int]] = defaultdict(list)
    personal: dict[tuple[int, int], int] = {}
    if questionnaire is None:
        return levels, personal
    rows = ItemAnswer.objects.filter(
        response__questionnaire=questionnaire,
        response__status=ResponseStatus.SUBMITTED,
        item__kind=ItemKind.COMPETENCE_RATING,
        number__isnull=False,
    ).values_list("response__respondent_id", "item__competence_id", "number")
    for respondent, competence, level in rows:
        levels[competence].append(level)
        if respondent is not None:
            personal[(respondent, competence)] = level
    return levels, personal


def mean(values: list[int]) -> Decimal | None:
    return rounded(Decimal(sum(values)) / len(values), "0.1") if values else None


def shown_mean(values: list[int]) -> Decimal | None:
    """The mean as a report shows it: none of fewer than `SMALL_CELL` values (one person's own)."""
    return mean(values) if len(values) >= SMALL_CELL else None


def survey_questions(survey: QuestionnaireResults | None) -> list[SurveyQuestion]:
    """The survey's choice questions through the small-cell rule (`home.disclosure.protect`), like
    every breakdown of the report: an option fewer than 3 people chose shows "<3". Nothing while
    the engine itself hides the results (anonymous: closed, five responses or more)."""
    if survey is None or survey.hidden:
        return []
    questions = []
    for choice in survey.choices:
        several = handler_for(choice.item.kind).picks_several
        counts = {str(index): bar.count for index, bar in enumerate(choice.bars)}
        labels = {str(index): str(bar.label) for index, bar in enumerate(choice.bars)}
        groups = dict.fromkeys(counts, choice.answered) if several else None
        questions.append(
            SurveyQuestion(
                str(choice.item.label),
                protect(counts, labels=labels, groups=groups, with_total=not several),
                several,
            )
        )
    return questions


# The report ----------------------------------------------------------------------------------


def _behaviour(*, plan, trainee_ids: set[int], now: datetime | None) -> Behaviour:
    commitments = list(
        commitments_with_check_ins(
            Commitment.objects.filter(workshop__plan=plan, trainee_id__in=trainee_ids)
        ).order_by("pk")
    )
    levels, personal = baseline_levels(needs_assessment_for(plan))
    by_status: Counter = Counter()
    latest_rating: dict[tuple[int, int], tuple] = {}  # (trainee, competence) → (submitted_at, pk, rating)
    applied: set[int] = set()
    for commitment in commitments:
        latest = latest_check_in(commitment)
        by_status[latest.status if latest else NOT_STATED] += 1
        for check_in in commitment.check_ins.all():
            key = (commitment.trainee_id, commitment.competence_id)
            mark = (check_in.submitted_at, check_in.pk, check_in.self_rating)
            if key not in latest_rating or mark > latest_rating[key]:
                latest_rating[key] = mark
            if check_in.status == CheckInStatus.DONE:
                applied.add(commitment.trainee_id)
    competences = {commitment.competence_id: commitment.competence for commitment in commitments}
    competences.update({c.pk: c for c in plan.target_competences.all()})
    improved: set[int] = set()
    for (trainee, competence), (_at, _pk, rating) in latest_rating.items():
        own = personal.get((trainee, competence))
        base = own if own is not None else mean(levels.get(competence, []))
        if base is not None and rating > base:
            improved.add(trainee)
    changes = []
    for competence in sorted(competences.values(), key=lambda c: (c.sort_order, c.pk)):
        current = [mark[2] for (_t, c), mark in latest_rating.items() if c == competence.pk]
        baseline = levels.get(competence.pk, [])
        if current or baseline:
            changes.append(
                CompetenceChange(
                    competence, shown_mean(baseline), len(baseline), shown_mean(current), len(current)
                )
            )
    survey = (
        questionnaire_results(questionnaire=plan.application_survey) if plan.application_survey_id else None
    )
    return Behaviour(
        commitments=len(commitments),
        by_status=dict(by_status),
        committed_trainees=len({c.trainee_id for c in commitments}),
        changes=changes,
        improved=improved,
        applied=applied,
        survey=survey,
        survey_questions=survey_questions(survey),
    )


def _results(*, plan) -> Results:
    outcomes = list(Outcome.objects.filter(plan=plan).select_related("trainee"))
    return Results(counts=dict(Counter(outcome.kind for outcome in outcomes)), outcomes=outcomes)


def _attributes(trainee_ids: set[int]) -> dict[int, tuple[str, str]]:
    """Per trainee: (sex, institution), "" when not stated (no consent, or left empty)."""
    found = dict.fromkeys(trainee_ids, (NOT_STATED, NOT_STATED))
    for user_id, sex, institution in TraineeProfile.objects.filter(user_id__in=trainee_ids).values_list(
        "user_id", "sex", "institution"
    ):
        found[user_id] = (sex, institution)
    return found


SEX_LABELS = {**dict(Sex.choices), NOT_STATED: _("Not stated")}
INSTITUTION_LABELS = {**dict(Institution.choices), NOT_STATED: _("Not stated")}


def breakdown(*, people: set[int], attributes: dict, position: int, labels: dict) -> Breakdown:
    """How many of `people` fall in each category (0: sex, 1: institution), protected."""
    counts = Counter(attributes[person][position] for person in people)
    return protect(counts, labels={key: str(label) for key, label in labels.items()})


def _breakdowns(*, attributes: dict, groups: list[tuple[str, set[int]]]) -> list[BreakdownTable]:
    return [
        BreakdownTable(
            title=title,
            by_sex=breakdown(people=people, attributes=attributes, position=0, labels=SEX_LABELS),
            by_institution=breakdown(
                people=people, attributes=attributes, position=1, labels=INSTITUTION_LABELS
            ),
        )
        for title, people in groups
    ]


def _target(value) -> str:
    return "" if value is None else str(value)


def _indicators(*, plan, trainees: int, completed: set[int], behaviour: Behaviour, results: Results):
    committed = behaviour.committed_trainees
    improved = percent_of(len(behaviour.improved), committed)
    applied = percent_of(len(behaviour.applied), committed)
    # Each "C02 2,1" isolated left to right (plain text: the PDF, the screen and the export), in the
    # language's list separator and decimal mark: "C02 2.1, C03 1.9" was scrambled in Arabic.
    baseline_levels_text = str(pgettext("list separator", ", ")).join(
        isolated(f"{change.competence.key} {formats.localize(change.baseline, use_l10n=True)}")
        for change in behaviour.changes
        if change.baseline is not None
    )

    def met(current: int, target) -> bool | None:
        return None if target is None else current >= target

    rows = [
        Indicator(
            str(_("Staff who completed the training, broken down by sex and institution")),
            "0",
            _target(plan.target_completed),
            f"{len(completed)} / {trainees}",
            str(_("Course progress recorded by the platform")),
            met(len(completed), plan.target_completed),
        ),
        Indicator(
            str(_("Percentage reporting improved competences")),
            str(_("Needs assessment, mean level: %(levels)s") % {"levels": baseline_levels_text or "—"}),
            f"{plan.target_improvement_rate} %" if plan.target_improvement_rate is not None else "",
            f"{improved} %",
            str(_("Self-ratings at the check-ins, against the needs assessment")),
            met(improved, plan.target_improvement_rate),
            baseline_is_sentence=True,
        ),
        Indicator(
            str(_("Percentage applying at least one competence at six months")),
            "0 %",
            f"{plan.target_application_rate} %" if plan.target_application_rate is not None else "",
            f"{applied} %",
            str(_("Check-ins marked done; six-month application survey")),
            met(applied, plan.target_application_rate),
        ),
    ]
    targets = {
        OutcomeKind.MOBILISATION_ACTION: plan.target_actions,
        OutcomeKind.MEMBER_STATE_CONTACT: plan.target_contacts,
        OutcomeKind.CONCEPT_NOTE: plan.target_concept_notes,
    }
    for kind, label in OutcomeKind.choices:
        count = results.counts.get(kind, 0)
        rows.append(
            Indicator(
                str(label),
                "0",
                _target(targets[kind]),
                str(count),
                str(_("Outcomes logged by the trainers, with their source")),
                met(count, targets[kind]),
            )
        )
    return rows


def evaluation_report(*, plan: TrainingPlanPage, now: datetime | None = None) -> EvaluationReport:
    training = plan_report(plan=plan, now=now)
    trainees = [row.trainee for row in training.completion.matrix.rows] if training.completion.matrix else []
    trainee_ids = set(
        get_user_model()
        .objects.filter(pk__in=[trainee.pk for trainee in trainees], is_superuser=False)
        .exclude(groups__name__in=[role.value for role in STAFF_ROLES])
        .values_list("pk", flat=True)
    )
    completed = {trainee.pk for trainee in training.completion.completed_trainees} & trainee_ids
    behaviour = _behaviour(plan=plan, trainee_ids=trainee_ids, now=now)
    results = _results(plan=plan)
    attributes = _attributes(trainee_ids)
    return EvaluationReport(
        plan=plan,
        training=training,
        trainees=len(trainee_ids),
        completed=completed,
        behaviour=behaviour,
        results=results,
        indicators=_indicators(
            plan=plan, trainees=len(trainee_ids), completed=completed, behaviour=behaviour, results=results
        ),
        breakdowns=_breakdowns(
            attributes=attributes,
            groups=[
                (str(_("Completed the training")), completed),
                (str(_("Reported improved competences")), behaviour.improved),
                (str(_("Applied at least one competence")), behaviour.applied),
            ],
        ),
    )


# The spreadsheet (indicator sheet and breakdowns), written through home.exports' safe mixin.

EXPORT_COLUMNS = ["section", "indicator", "baseline", "target", "current", "share", "source"]


def export_headings() -> dict[str, str]:
    return {
        "section": str(_("Section")),
        "indicator": str(_("Indicator")),
        "baseline": str(_("Baseline")),
        "target": str(_("Target")),
        "current": str(_("Current value")),
        "share": str(_("Share")),
        "source": str(_("Source of verification")),
    }


def export_rows(report: EvaluationReport) -> list[dict]:
    section = str(_("Indicator sheet"))
    rows = [
        {
            "section": section,
            "indicator": indicator.name,
            "baseline": indicator.baseline,
            "target": indicator.target,
            "current": indicator.current,
            "share": "",
            "source": indicator.source,
        }
        for indicator in report.indicators
    ]
    for table in report.breakdowns:
        for heading, protected in ((_("by sex"), table.by_sex), (_("by institution"), table.by_institution)):
            for cell in protected.cells:
                rows.append(
                    {
                        "section": f"{table.title} ({heading})",
                        "indicator": cell.label,
                        "current": cell.display,
                        "share": "" if cell.percent is None else f"{cell.percent} %",
                    }
                )
            rows.append(
                {
                    "section": f"{table.title} ({heading})",
                    "indicator": str(_("Total")),
                    "current": "…" if protected.total is None else str(protected.total),
                }
            )
    return rows

"""The training report: every figure comes from the data (attendance, satisfaction, gain, completion)."""

from dataclasses import dataclass, field
from datetime import datetime

from assessments.results import GainReport, knowledge_gain
from assessments.survey_results import QuestionnaireResults, questionnaire_results
from courses.matrix import ProgressMatrix, cohort_matrix
from home.numbers import percent_of
from home.people import by_name

from ..models import TrainingPlanPage, Workshop
from .plans import (
    Approval,
    AttendanceSummary,
    approval_of,
    expected_trainees,
    is_held,
    summarise_attendance,
)


@dataclass(frozen=True)
class AttendanceLine:
    trainee: object
    status: str
    status_label: str
    note: str


@dataclass(frozen=True)
class WorkshopReport:
    workshop: Workshop
    held: bool  # its date has come (lms.training.plans.is_held)
    attendance: AttendanceSummary
    lines: list[AttendanceLine]
    satisfaction: QuestionnaireResults | None
    gain: GainReport | None


@dataclass(frozen=True)
class CompletionSummary:
    matrix: ProgressMatrix | None

    @property
    def trainees(self) -> int:
        return len(self.matrix.rows) if self.matrix else 0

    @property
    def completed_trainees(self) -> list:
        """Who completed every course of the cohort (every step counted done)."""
        return (
            [row.trainee for row in self.matrix.rows if row.cells and row.percent == 100]
            if self.matrix
            else []
        )

    @property
    def completed(self) -> int:
        return len(self.completed_trainees)

    @property
    def rate(self) -> int:
        return percent_of(self.completed, self.trainees)

    @property
    def mean_progress(self) -> int:
        return percent_of(sum(row.percent for row in self.matrix.rows), self.trainees * 100)


@dataclass(frozen=True)
class PlanReport:
    plan: TrainingPlanPage
    approval: Approval | None
    workshops: list[WorkshopReport] = field(default_factory=list)
    completion: CompletionSummary | None = None

    @property
    def held(self) -> list[WorkshopReport]:
        """Workshops whose date has come (`training.plans.is_held`), whether or not attendance is recorded."""
        return [w for w in self.workshops if w.held]

    @property
    def attendance_rate(self) -> int:
        """Present or late, over the held workshops whose attendance has been recorded."""
        recorded = [w for w in self.held if w.attendance.recorded]
        expected = sum(w.attendance.expected for w in recorded)
        attended = sum(w.attendance.attended for w in recorded)
        return percent_of(attended, expected)


def _line(trainee, record) -> AttendanceLine:
    if record is None:
        return AttendanceLine(trainee, "", "", "")
    return AttendanceLine(trainee, record.status, str(record.get_status_display()), record.note)


def workshop_report(
    *, workshop: Workshop, trainees: list | None = None, now: datetime | None = None
) -> WorkshopReport:
    """`trainees`: the plan's cohort, when the caller has read it already (one read per plan)."""
    if trainees is None:
        trainees = expected_trainees(workshop)
    records = list(workshop.attendance.all())
    recorded = {record.trainee_id: record for record in records}
    lines = [_line(trainee, recorded.get(trainee.pk)) for trainee in trainees]
    survey = workshop.satisfaction_survey
    gain = None
    if workshop.post_test_id:
        gain = knowledge_gain(post_test=workshop.post_test, pre_test=workshop.pre_test)
    return WorkshopReport(
        workshop=workshop,
        held=is_held(workshop=workshop, now=now),
        attendance=summarise_attendance((record.status for record in records), len(trainees)),
        lines=lines,
        satisfaction=questionnaire_results(questionnaire=survey) if survey else None,
        gain=gain,
    )


def plan_report(*, plan: TrainingPlanPage, now: datetime | None = None) -> PlanReport:
    workshops = (
        plan.workshops.select_related("plan__cohort", "pre_test", "post_test", "satisfaction_survey")
        .prefetch_related("attendance")
        .order_by("starts_at")
    )
    trainees = list(by_name(plan.cohort.trainees.all())) if plan.cohort else []
    return PlanReport(
        plan=plan,
        approval=approval_of(plan),
        workshops=[workshop_report(workshop=workshop, trainees=trainees, now=now) for workshop in workshops],
        completion=CompletionSummary(cohort_matrix(cohort=plan.cohort) if plan.cohort else None),
    )

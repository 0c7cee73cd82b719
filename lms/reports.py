"""The training report: every figure comes from the data (attendance, satisfaction, gain, completion)."""

from dataclasses import dataclass, field

from assessments.results import GainReport, knowledge_gain
from assessments.survey_results import QuestionnaireResults, questionnaire_results
from courses.matrix import ProgressMatrix, cohort_matrix

from .models import AttendanceStatus, TrainingPlanPage, Workshop
from .plans import Approval, AttendanceSummary, approval_of, attendance_summary, expected_trainees


@dataclass(frozen=True)
class AttendanceLine:
    trainee: object
    status: str
    status_label: str
    note: str


@dataclass(frozen=True)
class WorkshopReport:
    workshop: Workshop
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
    def completed(self) -> int:
        return sum(1 for row in self.matrix.rows if row.cells and row.percent == 100) if self.matrix else 0

    @property
    def rate(self) -> int:
        return round(self.completed * 100 / self.trainees) if self.trainees else 0

    @property
    def mean_progress(self) -> int:
        return round(sum(row.percent for row in self.matrix.rows) / self.trainees) if self.trainees else 0


@dataclass(frozen=True)
class PlanReport:
    plan: TrainingPlanPage
    approval: Approval | None
    workshops: list[WorkshopReport] = field(default_factory=list)
    completion: CompletionSummary | None = None

    @property
    def held(self) -> list[WorkshopReport]:
        """Workshops whose attendance has been recorded."""
        return [w for w in self.workshops if w.attendance.recorded]

    @property
    def attendance_rate(self) -> int:
        expected = sum(w.attendance.expected for w in self.held)
        attended = sum(w.attendance.attended for w in self.held)
        return round(attended * 100 / expected) if expected else 0


def workshop_report(*, workshop: Workshop) -> WorkshopReport:
    trainees = expected_trainees(workshop)
    recorded = {a.trainee_id: a for a in workshop.attendance.all()}
    labels = dict(AttendanceStatus.choices)
    lines = [
        AttendanceLine(
            trainee,
            recorded[trainee.pk].status if trainee.pk in recorded else "",
            str(labels[recorded[trainee.pk].status]) if trainee.pk in recorded else "",
            recorded[trainee.pk].note if trainee.pk in recorded else "",
        )
        for trainee in trainees
    ]
    survey = workshop.satisfaction_survey
    gain = None
    if workshop.post_test_id:
        gain = knowledge_gain(post_test=workshop.post_test, pre_test=workshop.pre_test)
    return WorkshopReport(
        workshop=workshop,
        attendance=attendance_summary(workshop=workshop, expected=len(trainees)),
        lines=lines,
        satisfaction=questionnaire_results(questionnaire=survey) if survey else None,
        gain=gain,
    )


def plan_report(*, plan: TrainingPlanPage) -> PlanReport:
    workshops = plan.workshops.select_related(
        "plan__cohort", "pre_test", "post_test", "satisfaction_survey"
    ).order_by("starts_at")
    return PlanReport(
        plan=plan,
        approval=approval_of(plan),
        workshops=[workshop_report(workshop=workshop) for workshop in workshops],
        completion=CompletionSummary(cohort_matrix(cohort=plan.cohort) if plan.cohort else None),
    )

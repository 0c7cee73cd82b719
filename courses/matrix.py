"""The trainer's progress matrix: the trainees of a cohort × the steps of its courses."""

from dataclasses import dataclass
from datetime import datetime

from wagtail.models import Page

from .models import Cohort, ModulePage
from .progress import StepState, courses_structure, percent, progress_rows, step_state


@dataclass(frozen=True)
class MatrixColumn:
    course: Page
    module: ModulePage
    step: Page


@dataclass(frozen=True)
class MatrixRow:
    trainee: object
    cells: list[StepState]

    @property
    def completed(self) -> int:
        return sum(1 for cell in self.cells if cell.is_complete)

    @property
    def percent(self) -> int:
        return percent(self.completed, len(self.cells))

    @property
    def last_activity(self) -> datetime | None:
        dates = [cell.last_opened_at for cell in self.cells if cell.last_opened_at]
        return max(dates) if dates else None


@dataclass(frozen=True)
class ProgressMatrix:
    cohort: Cohort
    columns: list[MatrixColumn]
    rows: list[MatrixRow]

    @property
    def completed_per_step(self) -> list[int]:
        return [
            sum(1 for row in self.rows if row.cells[index].is_complete) for index in range(len(self.columns))
        ]


def cohort_matrix(*, cohort: Cohort) -> ProgressMatrix:
    """Everything the matrix shows, in five queries whatever the cohort's size."""
    trainees = list(cohort.trainees.order_by("last_name", "first_name", "username"))
    courses = list(cohort.courses.live().order_by("path"))
    structure = courses_structure(courses)
    columns = [
        MatrixColumn(course, entry.module, step)
        for course in courses
        for entry in structure[course.pk]
        for step in entry.steps
    ]
    rows = progress_rows(users=trainees, pages=[column.step for column in columns])
    return ProgressMatrix(
        cohort=cohort,
        columns=columns,
        rows=[
            MatrixRow(
                trainee,
                [step_state(column.step, rows.get((trainee.pk, column.step.pk))) for column in columns],
            )
            for trainee in trainees
        ],
    )

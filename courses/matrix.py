"""The trainer's progress matrix: the trainees of a cohort × the steps of its courses.

A cohort of a thousand trainees on fifty steps is fifty thousand cells, so cells are shared: each
column has one state object per status (and per quiz score), and every cell is a reference to one
of them. Progress is read as plain values, and each trainee's last activity comes with the
trainees, in the same query.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import BooleanField, DateTimeField, ExpressionWrapper, Max, Q, Value
from wagtail.models import Page

from .models import Cohort, ModulePage, StepProgress
from .progress import COMPLETED, IN_PROGRESS, NOT_STARTED, StepState, courses_structure, percent


@dataclass(frozen=True)
class MatrixColumn:
    course: Page
    module: ModulePage
    step: Page


@dataclass(frozen=True)
class MatrixRow:
    trainee: object
    cells: list[StepState]
    last_activity: datetime | None = None
    completed: int = 0

    @property
    def percent(self) -> int:
        return percent(self.completed, len(self.cells))


@dataclass(frozen=True)
class ProgressMatrix:
    cohort: Cohort
    columns: list[MatrixColumn]
    rows: list[MatrixRow]
    completed_per_step: list[int]


class ColumnStates:
    """The states a column's cells can be in, each created once and shared by the cells."""

    def __init__(self, step: Page):
        self.step = step
        self.not_started = StepState(page=step, status=NOT_STARTED)
        self.in_progress = StepState(page=step, status=IN_PROGRESS)
        self._completed: dict[Decimal | None, StepState] = {}

    def completed(self, score: Decimal | None) -> StepState:
        state = self._completed.get(score)
        if state is None:
            state = self._completed[score] = StepState(page=self.step, status=COMPLETED, score=score)
        return state


def _trainees_with_last_activity(cohort: Cohort, step_ids: list[int]) -> list:
    last_activity = (
        Max("step_progress__last_opened_at", filter=Q(step_progress__page_id__in=step_ids))
        if step_ids
        else Value(None, output_field=DateTimeField())
    )
    trainees = cohort.trainees.annotate(matrix_last_activity=last_activity)
    return list(trainees.order_by("last_name", "first_name", "username"))


def cohort_matrix(*, cohort: Cohort) -> ProgressMatrix:
    """Everything the matrix shows, in four queries whatever the cohort's size."""
    courses = list(cohort.courses.live().order_by("path"))
    structure = courses_structure(courses)
    columns = [
        MatrixColumn(course, entry.module, step)
        for course in courses
        for entry in structure[course.pk]
        for step in entry.steps
    ]
    step_ids = [column.step.pk for column in columns]
    trainees = _trainees_with_last_activity(cohort, step_ids)
    states = [ColumnStates(column.step) for column in columns]
    position = {step_id: index for index, step_id in enumerate(step_ids)}
    cells = {trainee.pk: [column.not_started for column in states] for trainee in trainees}
    progress = (
        StepProgress.objects.filter(user__in=list(cells), page_id__in=step_ids)
        .annotate(done=ExpressionWrapper(Q(completed_at__isnull=False), output_field=BooleanField()))
        .values_list("user_id", "page_id", "done", "score")
    )
    completed = dict.fromkeys(cells, 0)
    per_step = [0] * len(columns)
    for user_id, page_id, done, score in progress:
        index = position[page_id]
        if done:
            cells[user_id][index] = states[index].completed(score)
            completed[user_id] += 1
            per_step[index] += 1
        else:
            cells[user_id][index] = states[index].in_progress
    rows = [
        MatrixRow(trainee, cells[trainee.pk], trainee.matrix_last_activity, completed[trainee.pk])
        for trainee in trainees
    ]
    return ProgressMatrix(cohort=cohort, columns=columns, rows=rows, completed_per_step=per_step)

"""The trainer's progress matrix: the trainees of a cohort × the steps of its courses.

A cohort of a thousand trainees on fifty steps is fifty thousand cells, so cells are shared: each
column has one state object per status (and per quiz score), and every cell is a reference to one
of them. The trainees and their progress are read together, as plain values.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, ExpressionWrapper, FilteredRelation, Q
from wagtail.models import Page

from .models import Cohort, ModulePage
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


class TraineeProgress(NamedTuple):
    trainee: object
    rows: list[tuple[int, bool, Decimal | None, datetime | None]]


TRAINEE_FIELDS = ("id", "username", "first_name", "last_name")


def _trainees_with_progress(cohort: Cohort, step_ids: list[int]) -> list[TraineeProgress]:
    """The cohort's trainees in name order, each with their progress rows on these steps as
    (page id, done, score, last opened): one query, a trainee without progress being one row of nulls.
    Trainees come as deferred users holding only what the matrix shows of them."""
    user_model = get_user_model()
    # An empty IN would empty the whole query, trainees included; no page has the id 0.
    on_steps = FilteredRelation("step_progress", condition=Q(step_progress__page_id__in=step_ids or [0]))
    rows = (
        cohort.trainees.annotate(
            on_steps=on_steps,
            done=ExpressionWrapper(Q(on_steps__completed_at__isnull=False), output_field=BooleanField()),
        )
        .order_by("last_name", "first_name", "username", "id")
        .values_list(
            *TRAINEE_FIELDS, "on_steps__page_id", "done", "on_steps__score", "on_steps__last_opened_at"
        )
    )
    found: list[TraineeProgress] = []
    for *trainee_values, page_id, done, score, last_opened_at in rows:
        if not found or found[-1].trainee.pk != trainee_values[0]:
            trainee = user_model.from_db(cohort.trainees.db, TRAINEE_FIELDS, trainee_values)
            found.append(TraineeProgress(trainee, []))
        if page_id is not None:
            found[-1].rows.append((page_id, done, score, last_opened_at))
    return found


def cohort_matrix(*, cohort: Cohort) -> ProgressMatrix:
    """Everything the matrix shows, in two queries whatever the cohort's size (the courses, and the
    trainees with their progress; the outline comes from the cache)."""
    courses = list(cohort.courses.live().order_by("path"))
    structure = courses_structure(courses)
    columns = [
        MatrixColumn(course, entry.module, step)
        for course in courses
        for entry in structure[course.pk]
        for step in entry.steps
    ]
    step_ids = [column.step.pk for column in columns]
    states = [ColumnStates(column.step) for column in columns]
    position = {step_id: index for index, step_id in enumerate(step_ids)}
    per_step = [0] * len(columns)
    rows = []
    for trainee, progress in _trainees_with_progress(cohort, step_ids):
        cells = [column.not_started for column in states]
        completed = 0
        for page_id, done, score, _last_opened_at in progress:
            index = position[page_id]
            if done:
                cells[index] = states[index].completed(score)
                completed += 1
                per_step[index] += 1
            else:
                cells[index] = states[index].in_progress
        last_activity = max((row[3] for row in progress if row[3] is not None), default=None)
        rows.append(MatrixRow(trainee, cells, last_activity, completed))
    return ProgressMatrix(cohort=cohort, columns=columns, rows=rows, completed_per_step=per_step)

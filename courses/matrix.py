"""The trainer's progress matrix: the trainees of a cohort × the steps of its courses.

A cohort of a thousand trainees on fifty steps is fifty thousand cells, so cells are shared: each
column has one state object per status (and per quiz score), and every cell is a reference to one
of them. The trainees and their progress are read together, as plain values, then the courses they
completed: a course completed is 100 % of its steps in the row's total, its steps published since are
marked new (`courses.progress` reads the same way for the trainee).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from django.db.models import (
    Aggregate,
    BooleanField,
    DateTimeField,
    ExpressionWrapper,
    Func,
    Max,
    Q,
    TextField,
    Value,
)
from wagtail.models import Page

from .models import Cohort, CourseCompletion, ModulePage
from .progress import COMPLETED, IN_PROGRESS, NOT_STARTED, StepState, courses_structure, percent

ProgressRefresher = Callable[..., object]
_refreshers: list[ProgressRefresher] = []


def register_progress_refresher(refresher: ProgressRefresher) -> ProgressRefresher:
    """An app that records progress from its own data (assessments: quiz attempts) brings it up to
    date before the matrix reads it, without `courses` importing that app."""
    if refresher not in _refreshers:
        _refreshers.append(refresher)
    return refresher


def refresh_progress(*, users) -> None:
    """Run every registered refresher for these users (e.g. submit the attempts whose time is over)."""
    for refresher in _refreshers:
        refresher(users=users)


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
    credited: int | None = None  # steps done, plus the new steps of courses completed before them

    @property
    def percent(self) -> int:
        credited = self.completed if self.credited is None else self.credited
        return percent(credited, len(self.cells))


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
        self.new = {
            NOT_STARTED: StepState(page=step, status=NOT_STARTED, is_new=True),
            IN_PROGRESS: StepState(page=step, status=IN_PROGRESS, is_new=True),
        }
        self._completed: dict[Decimal | None, StepState] = {}

    def completed(self, score: Decimal | None) -> StepState:
        state = self._completed.get(score)
        if state is None:
            state = self._completed[score] = StepState(page=self.step, status=COMPLETED, score=score)
        return state


class JSONArrayAgg(Aggregate):
    """A group's values as the text of a JSON array: SQLite's json_group_array, PostgreSQL's json_agg
    (NULL for no value)."""

    function = "JSON_GROUP_ARRAY"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = self.as_sql(compiler, connection, function="JSON_AGG", **extra_context)
        return f"({sql})::text", params


class JSONRow(Func):
    """Values as a JSON array: SQLite's json_array, PostgreSQL's json_build_array (plain json, which
    a thousand trainees' fifty steps build in half the time of Django's JSONArray, made as jsonb)."""

    function = "JSON_ARRAY"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSON_BUILD_ARRAY", **extra_context)


class TraineeProgress(NamedTuple):
    trainee: object
    last_activity: datetime | None
    rows: list[tuple[int, bool, Decimal | int | None]]


def _trainees_with_progress(cohort: Cohort, step_ids: list[int]) -> list[TraineeProgress]:
    """The cohort's trainees in name order, each with their last activity and their progress on these
    steps as (page id, done, score) rows: one query, a row per trainee, the progress as JSON, so that
    a thousand trainees are a thousand rows rather than fifty thousand."""
    trainees = cohort.trainees.only("id", "username", "first_name", "last_name")
    if step_ids:
        on_steps = Q(step_progress__page_id__in=step_ids)
        done = ExpressionWrapper(Q(step_progress__completed_at__isnull=False), output_field=BooleanField())
        trainees = trainees.annotate(
            matrix_last_activity=Max("step_progress__last_opened_at", filter=on_steps),
            matrix_progress=JSONArrayAgg(
                JSONRow("step_progress__page_id", done, "step_progress__score"), filter=on_steps
            ),
        )
    else:
        trainees = trainees.annotate(
            matrix_last_activity=Value(None, output_field=DateTimeField()),
            matrix_progress=Value(None, output_field=TextField()),
        )
    ordered = trainees.order_by("last_name", "first_name", "username", "id")
    return [
        TraineeProgress(trainee, trainee.matrix_last_activity, _progress_rows(trainee.matrix_progress))
        for trainee in ordered
    ]


def _progress_rows(text: str | None) -> list:
    # Scores as Decimal, as the database stores them (a whole score may come as an int).
    return json.loads(text or "[]", parse_float=Decimal)


def _completed_courses(cohort: Cohort, courses: list[Page]) -> dict[int, set[int]]:
    """The courses each trainee of the cohort completed (recorded completions), by trainee id."""
    completed: dict[int, set[int]] = {}
    if courses:
        rows = CourseCompletion.objects.filter(
            course_id__in=[course.pk for course in courses], user__cohorts=cohort
        ).values_list("user_id", "course_id")
        for user_id, course_id in rows:
            completed.setdefault(user_id, set()).add(course_id)
    return completed


def cohort_matrix(*, cohort: Cohort) -> ProgressMatrix:
    """Everything the matrix shows, in three queries whatever the cohort's size (the courses, the
    trainees with their progress, their completed courses; the outline comes from the cache)."""
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
    completions = _completed_courses(cohort, courses)
    rows = []
    for trainee, last_activity, progress in _trainees_with_progress(cohort, step_ids):
        cells = [column.not_started for column in states]
        completed = 0
        for page_id, done, score in progress:
            index = position[page_id]
            if done:
                cells[index] = states[index].completed(score)
                completed += 1
                per_step[index] += 1
            else:
                cells[index] = states[index].in_progress
        credited = completed
        completed_courses = completions.get(trainee.pk, ())
        if completed_courses:
            for index, column in enumerate(columns):
                if column.course.pk in completed_courses and cells[index].status != COMPLETED:
                    cells[index] = states[index].new[cells[index].status]
                    credited += 1
        rows.append(MatrixRow(trainee, cells, last_activity, completed, credited))
    return ProgressMatrix(cohort=cohort, columns=columns, rows=rows, completed_per_step=per_step)

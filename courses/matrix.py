"""The trainer's progress matrix: the trainees of a cohort × the steps of its courses.

A cohort of a thousand trainees on fifty steps is fifty thousand cells, so cells are shared: each
column has one state object per status (and per quiz score), and every cell is a reference to one
of them. The trainees and their progress are read together, as plain values, then the courses they
completed: a course completed is 100 % of its steps in the row's total, its steps published since are
marked new (`courses.progress` reads the same way for the trainee).

A column is headed by a short label ("M1·L2": module 1, lesson 2; "M1·Q1": the module's first
quiz), the full title beside it. A cell is one of five kinds (`cell_kind`): a step completed, or for
a graded step passed or failed (the grade is kept while the step stays open), in progress, not
started. A trainee is behind schedule below the cohort's straight pace from its start to its end
(`courses.schedule`).
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from django.db.models import (
    Aggregate,
    BooleanField,
    DateTimeField,
    Expression,
    ExpressionWrapper,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext
from wagtail.models import Page

from home.people import by_name
from home.site_cache import cached, page_tree_key

from .models import Cohort, CourseCompletion, CoursePage, ModulePage
from .progress import COMPLETED, IN_PROGRESS, NOT_STARTED, StepState, courses_structure, percent
from .schedule import expected_percent, is_behind

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
class MatrixNotice:
    """A line above the matrix from another app ("To review (3)"), linking to where the trainer acts."""

    label: str
    url: str
    count: int


@dataclass(frozen=True)
class MatrixNoticeSource:
    """Work waiting for the trainer, from an app above `courses` (assessments: works to review).

    `waiting()` is an expression counting a trainee's waiting items, evaluated on the trainee's row
    of the matrix's own query (`OuterRef("pk")` is the trainee), so a notice costs no query of its
    own; `notice(cohort, total)` makes the line from the cohort's total."""

    waiting: Callable[[], Expression]
    notice: Callable[[Cohort, int], MatrixNotice]


_notice_sources: list[MatrixNoticeSource] = []


def register_matrix_notice(source: MatrixNoticeSource) -> MatrixNoticeSource:
    if source not in _notice_sources:
        _notice_sources.append(source)
    return source


PASSED = "passed"
FAILED = "failed"

CELL_LABELS = {
    COMPLETED: gettext_lazy("completed"),
    PASSED: gettext_lazy("passed"),
    FAILED: gettext_lazy("failed"),
    IN_PROGRESS: gettext_lazy("in progress"),
    NOT_STARTED: gettext_lazy("not started"),
}


GradedStepsProvider = Callable[..., set[int]]
_graded_steps_providers: list[GradedStepsProvider] = []


def register_graded_steps_provider(provider: GradedStepsProvider) -> GradedStepsProvider:
    """An app whose steps are passed or failed (assessments: graded quizzes) says which they are:
    `provider(step_ids=[...])` returns the ids of those steps, by that app's own rule."""
    if provider not in _graded_steps_providers:
        _graded_steps_providers.append(provider)
    return provider


def graded_steps(*, step_ids: list[int]) -> set[int]:
    """The steps, among these, that are passed or failed; cached until a page is saved."""
    if not step_ids or not _graded_steps_providers:
        return set()
    digest = hashlib.sha256(",".join(map(str, step_ids)).encode()).hexdigest()[:32]

    def read() -> set[int]:
        return set().union(*(provider(step_ids=step_ids) for provider in _graded_steps_providers))

    return cached(page_tree_key(f"courses:graded-steps:{digest}"), read)


def cell_kind(state: StepState, *, graded: bool) -> str:
    """What a cell says: a step that is passed or failed (`graded`) with its grade kept is passed
    once completed (its app's pass rule completes it) and failed while still open."""
    if not graded or state.score is None:
        return state.status
    return PASSED if state.status == COMPLETED else FAILED


@dataclass(frozen=True)
class MatrixColumn:
    course: Page
    module: ModulePage
    step: Page
    module_number: int = 0  # the module's rank in its course, from 1
    kind_number: int = 0  # the step's rank among its module's steps of the same kind, from 1
    graded: bool = False  # passed or failed (`graded_steps`)

    @property
    def short_label(self) -> str:
        heading = pgettext("short heading of a step: module, kind, rank", "M%(module)s·%(kind)s%(rank)s")
        return heading % {
            "module": self.module_number,
            "kind": self.step.specific_class.step_abbreviation,
            "rank": self.kind_number,
        }

    @property
    def full_title(self) -> str:
        return f"{self.module.title} / {self.step.title}"


@dataclass(frozen=True)
class MatrixRow:
    trainee: object
    cells: list[StepState]
    last_activity: datetime | None = None
    completed: int = 0
    credited: int | None = None  # steps done, plus the new steps of courses completed before them
    behind: bool = False

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
    expected_percent: int | None = None  # where the cohort's pace stands today (None: no dates)
    notices: tuple[MatrixNotice, ...] = ()  # with `cohort_matrix(..., notices=True)`

    @property
    def behind(self) -> list[MatrixRow]:
        return [row for row in self.rows if row.behind]


def _columns(courses: list[Page], structure) -> list[MatrixColumn]:
    steps = [step for course in courses for entry in structure[course.pk] for step in entry.steps]
    graded = graded_steps(step_ids=[step.pk for step in steps])
    columns = []
    for course in courses:
        for module_number, entry in enumerate(structure[course.pk], start=1):
            ranks: dict[type, int] = {}
            for step in entry.steps:
                kind = step.specific_class
                ranks[kind] = ranks.get(kind, 0) + 1
                columns.append(
                    MatrixColumn(course, entry.module, step, module_number, ranks[kind], step.pk in graded)
                )
    return columns


class ColumnStates:
    """The states a column's cells can be in, each created once and shared by the cells."""

    def __init__(self, step: Page):
        self.step = step
        self.not_started = StepState(page=step, status=NOT_STARTED)
        self.in_progress = StepState(page=step, status=IN_PROGRESS)
        self._graded: dict[Decimal, StepState] = {}
        self.new = {
            NOT_STARTED: StepState(page=step, status=NOT_STARTED, is_new=True),
            IN_PROGRESS: StepState(page=step, status=IN_PROGRESS, is_new=True),
        }
        self._completed: dict[Decimal | None, StepState] = {}

    def graded(self, score: Decimal | None) -> StepState:
        """Open, with a grade kept (a quiz not passed yet)."""
        if score is None:
            return self.in_progress
        state = self._graded.get(score)
        if state is None:
            state = self._graded[score] = StepState(page=self.step, status=IN_PROGRESS, score=score)
        return state

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
    completed_courses: set[int]
    waiting: tuple[int, ...]  # per notice source, the trainee's waiting items


def _trainees_with_progress(
    cohort: Cohort, step_ids: list[int], course_ids: list[int], sources: list[MatrixNoticeSource]
) -> list[TraineeProgress]:
    """The cohort's trainees in name order, each with their last activity, their progress on these
    steps as (page id, done, score) rows, the courses among `course_ids` they completed (recorded
    completions) and their count for each notice source: one query, a row per trainee, the progress
    and the completions as JSON, so that a thousand trainees are a thousand rows rather than fifty
    thousand."""
    trainees = cohort.trainees.only("id", "username", "first_name", "last_name")
    waiting = [f"matrix_waiting_{number}" for number in range(len(sources))]
    trainees = trainees.annotate(
        **{
            name: Subquery(source.waiting(), output_field=IntegerField())
            for name, source in zip(waiting, sources, strict=True)
        }
    )
    completed = (
        CourseCompletion.objects.filter(user=OuterRef("pk"), course_id__in=course_ids)
        .order_by()
        .values("user")
        .annotate(ids=JSONArrayAgg("course_id"))
        .values("ids")[:1]
    )
    trainees = trainees.annotate(matrix_completed=Subquery(completed, output_field=TextField()))
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
    ordered = by_name(trainees)
    return [
        TraineeProgress(
            trainee,
            trainee.matrix_last_activity,
            _progress_rows(trainee.matrix_progress),
            set(json.loads(trainee.matrix_completed or "[]")),
            tuple(getattr(trainee, name) or 0 for name in waiting),
        )
        for trainee in ordered
    ]


def _progress_rows(text: str | None) -> list:
    # Scores as Decimal, as the database stores them (a whole score may come as an int).
    return json.loads(text or "[]", parse_float=Decimal)


def live_course_ids(cohort_id: int) -> tuple[Cohort, list[int]]:
    """The cohort and the ids of its live courses, in one query (`Cohort.DoesNotExist` if none)."""
    cohort = Cohort.objects.annotate(
        matrix_course_ids=JSONArrayAgg("courses__id", filter=Q(courses__live=True))
    ).get(pk=cohort_id)
    return cohort, json.loads(cohort.matrix_course_ids or "[]")


def _live_courses(course_ids: list[int]) -> list[Page]:
    """These courses in tree order, from the cache (a saved page makes a new key)."""
    if not course_ids:
        return []
    ids = sorted(course_ids)
    key = page_tree_key("courses:matrix-courses:" + ",".join(map(str, ids)))
    return cached(key, lambda: list(CoursePage.objects.live().filter(pk__in=ids).order_by("path")))


def cohort_matrix(
    *,
    cohort: Cohort,
    course_ids: list[int] | None = None,
    notices: bool = False,
    today: date | None = None,
) -> ProgressMatrix:
    """Everything the matrix shows, in two queries whatever the cohort's size (the courses, the
    trainees with their progress, their completed courses and, with `notices`, their work waiting
    for the trainer; the outline comes from the cache). With `course_ids` (`live_course_ids`), the
    courses come from the cache: one query. `today` (by default the local date) places the
    cohort's pace."""
    if course_ids is None:
        courses = list(cohort.courses.live().order_by("path"))
    else:
        courses = _live_courses(course_ids)
    columns = _columns(courses, courses_structure(courses))
    expected = expected_percent(cohort=cohort, today=today or timezone.localdate())
    step_ids = [column.step.pk for column in columns]
    states = [ColumnStates(column.step) for column in columns]
    sources = list(_notice_sources) if notices else []
    waiting_totals = [0] * len(sources)
    position = {step_id: index for index, step_id in enumerate(step_ids)}
    per_step = [0] * len(columns)
    rows = []
    for trainee, last_activity, progress, completed_courses, waiting in _trainees_with_progress(
        cohort, step_ids, [course.pk for course in courses], sources
    ):
        waiting_totals = [total + count for total, count in zip(waiting_totals, waiting, strict=True)]
        cells = [column.not_started for column in states]
        completed = 0
        for page_id, done, score in progress:
            index = position[page_id]
            if done:
                cells[index] = states[index].completed(score)
                completed += 1
                per_step[index] += 1
            else:
                cells[index] = states[index].graded(score)
        credited = completed
        if completed_courses:
            for index, column in enumerate(columns):
                if column.course.pk in completed_courses and cells[index].status != COMPLETED:
                    cells[index] = states[index].new[cells[index].status]
                    credited += 1
        row = MatrixRow(trainee, cells, last_activity, completed, credited)
        rows.append(replace(row, behind=is_behind(percent=row.percent, expected=expected)))
    return ProgressMatrix(
        cohort=cohort,
        columns=columns,
        rows=rows,
        completed_per_step=per_step,
        expected_percent=expected,
        notices=tuple(
            source.notice(cohort, total) for source, total in zip(sources, waiting_totals, strict=True)
        ),
    )

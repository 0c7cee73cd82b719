"""Progress rules: which steps count, what is complete, where a trainee resumes.

Only live steps of live modules count, and unpublishing a step removes it from the count. Completing
a course is a record (`CourseCompletion`), written when the last step is completed and never taken
back: a step published later shows as new (`StepState.is_new`), the course stays completed and reads
100 %. Every reader here issues a fixed number of queries, whatever the number of courses, steps or
trainees.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from functools import reduce
from operator import or_
from typing import NamedTuple

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from home.site_cache import (
    CACHE_SECONDS,
    cached,
    content_version,
    get_many_versioned,
    page_tree_key,
    remember_versioned,
)

from .models import CourseCompletion, CoursePage, ModulePage, StepProgress
from .steps import step_content_type_ids

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"


@dataclass(frozen=True)
class ModuleSteps:
    module: ModulePage
    steps: list[Page]


@dataclass(frozen=True)
class StepState:
    page: Page
    status: str
    score: Decimal | None = None
    completed_at: datetime | None = None
    last_opened_at: datetime | None = None
    link: str = ""  # the step's address, when read in advance (`step_links`)
    is_new: bool = False  # not done, in a course the trainee completed before it was published

    @property
    def is_complete(self) -> bool:
        return self.status == COMPLETED

    @property
    def url(self) -> str:
        return self.link or self.page.url


class StepCounts:
    """How many steps there are and how many are complete: one rule for a module and a course."""

    steps: list[StepState]

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def completed(self) -> int:
        return sum(1 for step in self.steps if step.is_complete)


@dataclass(frozen=True)
class ModuleProgress(StepCounts):
    module: ModulePage
    steps: list[StepState]

    @property
    def percent(self) -> int:
        return percent(self.completed, self.total)


@dataclass(frozen=True)
class CourseProgress(StepCounts):
    course: Page
    modules: list[ModuleProgress] = field(default_factory=list)
    recorded_completion: datetime | None = None  # the trainee's `CourseCompletion`, if written

    @property
    def steps(self) -> list[StepState]:
        return [step for module in self.modules for step in module.steps]

    @property
    def percent(self) -> int:
        """100 once the course is completed: steps published since are new, not owed."""
        return 100 if self.is_complete else percent(self.completed, self.total)

    @property
    def every_step_done(self) -> bool:
        return self.total > 0 and self.completed == self.total

    @property
    def is_complete(self) -> bool:
        return self.recorded_completion is not None or self.every_step_done

    @property
    def completed_at(self) -> datetime | None:
        """The recorded completion, else when the last remaining step was completed, if every step is."""
        if self.recorded_completion is not None:
            return self.recorded_completion
        if not self.every_step_done:
            return None
        return max(step.completed_at for step in self.steps)

    @property
    def new_steps(self) -> list[StepState]:
        """Steps published after the trainee completed the course, not done yet."""
        return [step for step in self.steps if step.is_new]

    @property
    def is_started(self) -> bool:
        return any(step.status != NOT_STARTED for step in self.steps)

    @property
    def resume_step(self) -> StepState | None:
        return resume_target(self.steps)


def percent(part: int, whole: int) -> int:
    """Whole percentage, rounded down so that 100 % means everything is done."""
    return (part * 100) // whole if whole else 0


def _under_any(pages: Iterable[Page]) -> Q:
    return reduce(or_, (Q(path__startswith=page.path) for page in pages), Q(pk__in=[]))


def _live_modules(courses: Sequence[Page]) -> list[ModulePage]:
    return list(
        ModulePage.objects.live()
        .filter(_under_any(courses), depth__in={course.depth + 1 for course in courses})
        .order_by("path")
    )


def _live_steps(modules: Sequence[Page]):
    return (
        Page.objects.live()
        .filter(_under_any(modules), depth__in={module.depth + 1 for module in modules})
        .filter(content_type_id__in=step_content_type_ids())
        .order_by("path")
    )


def _assemble(courses: Sequence[Page], modules: list[ModulePage], steps: Iterable[Page]):
    steps_by_module: dict[str, list[Page]] = defaultdict(list)
    for step in steps:
        steps_by_module[step.path[: -Page.steplen]].append(step)
    structure: dict[int, list[ModuleSteps]] = {course.pk: [] for course in courses}
    by_path = {course.path: course.pk for course in courses}
    for module in modules:
        course_id = by_path.get(module.path[: -Page.steplen])
        if course_id is not None:
            structure[course_id].append(ModuleSteps(module, steps_by_module[module.path]))
    return structure


def _read_structure(courses: Sequence[Page]) -> dict[int, list[ModuleSteps]]:
    modules = _live_modules(courses)
    return _assemble(courses, modules, _live_steps(modules) if modules else [])


def courses_structure(courses: Sequence[Page], *, from_cache: bool = True) -> dict[int, list[ModuleSteps]]:
    """Live modules of each course with their live steps, in tree order.

    From the cache (`home.site_cache`: a new key whenever a page is saved), else in two queries.
    """
    if not courses:
        return {}
    if not from_cache:
        return _read_structure(courses)
    version = content_version()
    keys = {course.pk: f"courses:structure:{course.pk}:v{version}" for course in courses}
    found = get_many_versioned(list(keys.values()))
    missing = [course for course in courses if keys[course.pk] not in found]
    if missing:
        read = {keys[pk]: entries for pk, entries in _read_structure(missing).items()}
        cache.set_many(read, CACHE_SECONDS)
        remember_versioned(read)
        found.update(read)
    return {course.pk: found[keys[course.pk]] for course in courses}


def course_structure(course: Page) -> list[ModuleSteps]:
    return courses_structure([course])[course.pk]


class ProgressValues(NamedTuple):
    """What a step state needs of a progress row."""

    completed_at: datetime | None
    last_opened_at: datetime | None
    score: Decimal | None


def user_progress_in(
    *, user, courses: Sequence[Page], opened_since: datetime | None = None
) -> dict[tuple[int, int], ProgressValues]:
    """One trainee's progress under some courses, keyed by (user id, page id): one query, plain
    values, selected by the courses' paths rather than by a list of every step.

    With `opened_since`, the same query also returns the trainee's steps of any course opened
    since then (what `open_step` compares a visit with)."""
    wanted = reduce(or_, (Q(page__path__startswith=course.path) for course in courses), Q(pk__in=[]))
    if opened_since is not None:
        wanted |= Q(last_opened_at__gte=opened_since)
    rows = (
        StepProgress.objects.filter(user=user)
        .filter(wanted)
        .values_list("page_id", "completed_at", "last_opened_at", "score")
    )
    user_id = user.pk  # once: `user` may be the request's lazy object
    return {(user_id, page_id): ProgressValues(*values) for page_id, *values in rows}


def step_state(
    page: Page, row: StepProgress | ProgressValues | None, link: str = "", *, course_completed: bool = False
) -> StepState:
    """A step's state; in a course already completed, a step not done is new."""
    if row is None:
        return StepState(page=page, status=NOT_STARTED, link=link, is_new=course_completed)
    return StepState(
        page=page,
        status=COMPLETED if row.completed_at else IN_PROGRESS,
        score=row.score,
        completed_at=row.completed_at,
        last_opened_at=row.last_opened_at,
        link=link,
        is_new=course_completed and not row.completed_at,
    )


def build_course_progress(
    course: Page,
    structure: list[ModuleSteps],
    user_id: int,
    rows: dict,
    links: dict | None = None,
    completed_at: datetime | None = None,
) -> CourseProgress:
    """`completed_at`: the trainee's recorded completion of the course, if any."""
    links = links or {}
    course_completed = completed_at is not None
    return CourseProgress(
        course=course,
        modules=[
            ModuleProgress(
                module=entry.module,
                steps=[
                    step_state(
                        step,
                        rows.get((user_id, step.pk)),
                        links.get(step.pk, ""),
                        course_completed=course_completed,
                    )
                    for step in entry.steps
                ],
            )
            for entry in structure
        ],
        recorded_completion=completed_at,
    )


def recorded_completions(*, user, courses: Sequence[Page]) -> dict[int, datetime]:
    """When the trainee completed each of these courses, by course id (one query)."""
    if not courses or user.pk is None:
        return {}
    rows = CourseCompletion.objects.filter(user=user, course_id__in=[course.pk for course in courses])
    return dict(rows.values_list("course_id", "completed_at"))


def _record_completions(*, user, progress: Iterable[CourseProgress]) -> None:
    """Write the completion of every course whose steps are all done and that has no record yet
    (one query; a record already there, even one written concurrently, is kept as it is)."""
    new = [
        CourseCompletion(user=user, course_id=entry.course.pk, completed_at=entry.completed_at)
        for entry in progress
        if entry.recorded_completion is None and entry.every_step_done
    ]
    if new:
        CourseCompletion.objects.bulk_create(new, ignore_conflicts=True)


def step_links(course: Page, structure: list[ModuleSteps], request) -> dict[int, str]:
    """The addresses of a course's steps for this request's site and language, read once per page
    tree version (Wagtail works each one out from the site's root paths)."""
    from django.utils import translation
    from wagtail.models import Site

    site = Site.find_for_request(request)
    key = page_tree_key(
        f"courses:step-links:{course.pk}:{getattr(site, 'pk', 0)}:{translation.get_language()}"
    )
    steps = [step for entry in structure for step in entry.steps]
    return cached(key, lambda: {step.pk: step.get_url(request) for step in steps})


def courses_progress(
    *, user, courses: Sequence[Page], from_cache: bool = True, request=None
) -> list[CourseProgress]:
    """Progress of one trainee in several courses: the structure (cached), then two queries (the
    progress rows, the recorded completions).

    A course whose steps are all done but whose completion was never recorded (completed before
    completions were records, or by rows written directly) gets its record now, dated by its last
    step: one more query, once.
    With `request`, each step state carries its address (`StepState.url`), read from the cache.
    """
    structure = courses_structure(courses, from_cache=from_cache)
    rows = user_progress_in(user=user, courses=courses) if courses else {}
    completions = recorded_completions(user=user, courses=courses)
    progress = [
        build_course_progress(
            course,
            structure[course.pk],
            user.pk,
            rows,
            step_links(course, structure[course.pk], request) if request is not None else None,
            completions.get(course.pk),
        )
        for course in courses
    ]
    if user.pk is not None:
        _record_completions(user=user, progress=progress)
    return progress


def course_progress(*, user, course: Page, request=None) -> CourseProgress:
    return courses_progress(user=user, courses=[course], request=request)[0]


def resume_target(steps: Sequence[StepState]) -> StepState | None:
    """The first unfinished step from the one last opened onwards, else the first unfinished."""
    unfinished = [index for index, step in enumerate(steps) if not step.is_complete]
    if not unfinished:
        return None
    opened = [(step.last_opened_at, index) for index, step in enumerate(steps) if step.last_opened_at]
    start = max(opened)[1] if opened else 0
    following = [index for index in unfinished if index >= start]
    return steps[following[0] if following else unfinished[0]]


def neighbours(steps: Sequence[StepState], page: Page) -> tuple[StepState | None, StepState | None]:
    """The steps before and after `page` in the course order."""
    ids = [step.page.pk for step in steps]
    if page.pk not in ids:
        return None, None
    index = ids.index(page.pk)
    previous = steps[index - 1] if index > 0 else None
    following = steps[index + 1] if index + 1 < len(steps) else None
    return previous, following


# A step opened again within this interval, when no other step was opened since, is not written
# again: reloading a lesson or coming back to it a minute later changes neither where the trainee
# resumes nor the order of their recent activity. Its "last opened" date may then be up to this much
# older than the last reading.
VISIT_INTERVAL = timedelta(minutes=5)


def visit_changes_something(
    *, opened_at: datetime | None, last_opening: datetime | None, now: datetime
) -> bool:
    """Whether opening a step `now` must be written: never opened (`opened_at` is None), another
    step opened since (`last_opening`, the trainee's latest opening of any step, is later), or
    last written `VISIT_INTERVAL` ago or more."""
    if opened_at is None:
        return True
    if last_opening is not None and last_opening > opened_at:
        return True
    return now - opened_at >= VISIT_INTERVAL


def open_step(*, user, course: Page, page: Page, request=None) -> CourseProgress:
    """The trainee's progress in `course` once `page` is opened now, from one read: the structure
    (cached), the progress rows with the trainee's latest openings elsewhere (one query), the
    recorded completion (one query). The visit is written (`record_visit`) only when it changes
    something (`visit_changes_something`); a plain reload writes nothing.
    """
    now = timezone.now()
    structure = course_structure(course)
    rows = user_progress_in(user=user, courses=[course], opened_since=now - VISIT_INTERVAL)
    key = (user.pk, page.pk)
    row = rows.get(key) or ProgressValues(completed_at=None, last_opened_at=None, score=None)
    openings = (value.last_opened_at for value in rows.values() if value.last_opened_at)
    last_opening = max(openings, default=None)
    if visit_changes_something(opened_at=row.last_opened_at, last_opening=last_opening, now=now):
        record_visit(user=user, page=page, now=now)
        rows[key] = row._replace(last_opened_at=now)
    completions = recorded_completions(user=user, courses=[course])
    links = step_links(course, structure, request) if request is not None else None
    progress = build_course_progress(course, structure, user.pk, rows, links, completions.get(course.pk))
    _record_completions(user=user, progress=[progress])
    return progress


def record_visit(*, user, page: Page, now: datetime | None = None) -> None:
    """Note that `user` opened `page` now (first and last opening dates).

    One UPDATE on every visit but the first; a concurrent first visit is absorbed by
    get_or_create and the unique constraint. A lesson calls it through `open_step`, only when the
    visit changes something.
    """
    now = now or timezone.now()
    if StepProgress.objects.filter(user=user, page=page).update(last_opened_at=now):
        return
    StepProgress.objects.get_or_create(
        user=user, page=page, defaults={"first_opened_at": now, "last_opened_at": now}
    )


@transaction.atomic
def mark_step_complete(*, user, page: Page, score: Decimal | None = None) -> StepProgress:
    """Complete `page` for `user`. Idempotent: the first completion date is kept.

    Completing the last step of a course records the course's completion (`CourseCompletion`), read
    from the database rather than the cache so that a step published a second ago counts.
    A score, when given, replaces the previous one (quizzes pass their graded result).
    """
    now = timezone.now()
    progress, _created = StepProgress.objects.get_or_create(
        user=user, page=page, defaults={"first_opened_at": now, "last_opened_at": now}
    )
    if StepProgress.objects.filter(pk=progress.pk, completed_at__isnull=True).update(completed_at=now):
        course = CoursePage.objects.ancestor_of(page).first()
        if course is not None:
            courses_progress(user=user, courses=[course], from_cache=False)  # records it if complete
    if score is not None:
        StepProgress.objects.filter(pk=progress.pk).update(score=score)
    progress.refresh_from_db()
    return progress


def recent_activity(*, user, limit: int = 5) -> list[StepProgress]:
    return list(
        StepProgress.objects.filter(user=user, page__live=True)
        .select_related("page")
        .order_by("-last_opened_at")[:limit]
    )


def record_step_score(*, user, page: Page, score: Decimal | None) -> None:
    """Keep the step's current grade (a quiz's) without completing it."""
    now = timezone.now()
    progress, _created = StepProgress.objects.get_or_create(
        user=user, page=page, defaults={"first_opened_at": now, "last_opened_at": now}
    )
    StepProgress.objects.filter(pk=progress.pk).update(score=score)

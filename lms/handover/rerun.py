"""Run the programme again for a new cohort: the training plan and its workshops at new dates, the
courses the cohort follows, and the tests and questionnaires the workshops use, copied in every
language, with no trainee data.

What is copied: pages and their own parts, the way Wagtail copies a page (a plan's workshops, a
quiz's slots, a questionnaire's items, an assignment's rubric criteria), and the trainers' facilitator
notes of the workshops and lessons. Each course of the old cohort is copied whole (modules, lessons,
quizzes, assignments): steps belong to a course, not to a cohort, so a new cohort with new dates needs
courses of its own. Every date of a copied page's calendar (a quiz's opening and closing, an
assignment's due date, a questionnaire's dates, the plan's period, the workshops) moves by the offset.

What is shared, not copied: the worksheet templates an assignment asks for. A template is content
every cohort fills in; what a trainee fills in is a record of its own (lms.practice), never copied.
Likewise the question bank, the competences and the images stay shared.

What is not copied: attempts, responses, participations, submissions and their versions and feedback,
attendance, certificates, commitments and check-ins, workbook entries and reflections, progress,
completions and enrolments. They point at a page or a workshop without belonging to it; the new cohort
starts empty.

The copies are drafts. The plan is under the OTE approval workflow: only an approver publishes it
(lms.training.plans). The trainer publishes the copied courses, tests and questionnaires when the
cohort starts.
"""

import datetime
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils.text import slugify
from wagtail.models import Page

from courses.models import Cohort, CoursePage, LessonPage
from home.languages import language_codes, localized

from ..models import FacilitatorNote, TrainingPlanPage, Workshop
from ..training.plans import require_approval


@dataclass(frozen=True)
class Rerun:
    plan: TrainingPlanPage
    cohort: Cohort
    pages: dict[int, Page]  # original page id → its copy


def _shift(value, offset: datetime.timedelta):
    return value + offset if value else value


def calendar_fields(model: type[models.Model]) -> list[str]:
    """The dates of a page's (or a workshop's) calendar: every date and date-time field its model
    declares beyond Wagtail's page fields (which are publishing dates, not the programme's)."""
    own = {f.name for f in Page._meta.concrete_fields}
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField) and f.name not in own  # DateTimeField is a DateField
    ]


def _slug_attrs(page: Page, suffix: str) -> dict:
    """Each language's slug gets the cohort's suffix (unique among the siblings); titles stay."""
    attrs = {}
    for language in language_codes():
        slug = getattr(page, localized("slug", language))
        if slug:
            attrs[localized("slug", language)] = f"{slug}-{suffix}"[:255]
    attrs["slug"] = attrs.get(localized("slug", language_codes()[0]), f"{page.slug}-{suffix}")
    return attrs


@dataclass
class _Copier:
    cohort: Cohort
    offset: datetime.timedelta
    suffix: str
    user: object
    pages: dict[int, Page] = field(default_factory=dict)

    def for_the_cohort(self, original: models.Model) -> dict:
        """What changes in a copy: its calendar moves by the offset and it belongs to the new cohort."""
        values = {
            name: _shift(getattr(original, name), self.offset) for name in calendar_fields(type(original))
        }
        if any(f.name == "cohort" for f in type(original)._meta.concrete_fields):
            values["cohort"] = self.cohort
        return values

    def copy_root(self, page: Page, *, recursive: bool = False) -> Page:
        """Copy `page` (and, if `recursive`, its subtree) beside it, as drafts with suffixed slugs."""
        page = page.specific
        copy = page.copy(
            recursive=recursive,
            keep_live=False,
            user=self.user,
            update_attrs={**_slug_attrs(page, self.suffix), **self.for_the_cohort(page)},
            copy_revisions=False,
            log_action="wagtail.copy",
        ).specific
        self.pages[page.pk] = copy
        return copy

    def course(self, course: CoursePage) -> CoursePage:
        """The course and every page under it, the subtree's calendar moved, the lessons' notes copied."""
        copy = self.copy_root(course, recursive=True)
        originals = list(course.get_descendants().order_by("path").specific())
        copies = list(copy.get_descendants().order_by("path").specific())
        if [type(p) for p in originals] != [type(p) for p in copies]:  # Wagtail copies in tree order
            raise RuntimeError(f"The copy of {course} does not mirror its tree.")
        for original, page_copy in zip(originals, copies, strict=True):
            self.pages[original.pk] = page_copy
            self.settle(page_copy, self.for_the_cohort(original))
        self.copy_lesson_notes([p.pk for p in originals if isinstance(p, LessonPage)])
        return copy

    def page(self, page: Page | None) -> Page | None:
        """The copy of a page a workshop or the plan uses: the one made with its course, or its own."""
        if page is None:
            return None
        if page.pk not in self.pages:
            self.copy_root(page)
        return self.pages[page.pk]

    def settle(self, page_copy: Page, values: dict) -> None:
        """Store changes to a copy in the page and in its latest revision (what the editor opens and
        publishing makes live), which the copy made from the original's values."""
        values = {name: value for name, value in values.items() if getattr(page_copy, name) != value}
        if not values:
            return
        for name, value in values.items():
            setattr(page_copy, name, value)
        page_copy.save(clean=False, update_fields=list(values))
        page_copy.save_revision(
            user=self.user, changed=False, clean=False, overwrite_revision=page_copy.latest_revision
        )

    def copy_lesson_notes(self, lesson_ids: list[int]) -> None:
        notes = list(FacilitatorNote.objects.filter(lesson_id__in=lesson_ids))
        for note in notes:
            note.pk, note.lesson = None, self.pages[note.lesson_id]
        FacilitatorNote.objects.bulk_create(notes)


@transaction.atomic
def rerun_plan(*, plan: TrainingPlanPage, cohort_name: str, offset_days: int, user) -> Rerun:
    """Copy `plan` and its cohort's courses for a new cohort named `cohort_name`, every date moved by
    `offset_days`."""
    offset = datetime.timedelta(days=offset_days)
    old_cohort = plan.cohort
    cohort = Cohort.objects.create(
        name=cohort_name,
        start_date=_shift(old_cohort.start_date, offset) if old_cohort else None,
        end_date=_shift(old_cohort.end_date, offset) if old_cohort else None,
    )
    copier = _Copier(
        cohort=cohort, offset=offset, suffix=slugify(cohort_name) or f"cohort-{offset_days}", user=user
    )
    if old_cohort:
        cohort.courses.set([copier.course(course) for course in old_cohort.courses.order_by("path")])

    originals = list(plan.workshops.order_by("sort_order", "pk").prefetch_related("modules"))
    notes = {note.workshop_id: note for note in FacilitatorNote.objects.filter(workshop__plan=plan)}
    new_plan = copier.copy_root(plan)
    require_approval(new_plan)
    copies = list(Workshop.objects.filter(plan=new_plan).order_by("sort_order", "pk"))
    for original, workshop in zip(originals, copies, strict=True):
        for name, value in copier.for_the_cohort(original).items():
            setattr(workshop, name, value)
        workshop.pre_test = copier.page(original.pre_test)
        workshop.post_test = copier.page(original.post_test)
        workshop.satisfaction_survey = copier.page(original.satisfaction_survey)
        workshop.modules.set([copier.pages.get(m.pk, m) for m in original.modules.all()])
        workshop.save()
        if note := notes.get(original.pk):  # the trainers' notes go with the workshop: not trainee data
            note.pk, note.workshop = None, workshop
            note.save()
    new_plan = TrainingPlanPage.objects.get(pk=new_plan.pk)  # its workshops as now stored
    new_plan.application_survey = copier.page(plan.application_survey)
    new_plan.save(clean=False, update_fields=["application_survey"])
    new_plan.save_revision(user=user, changed=False, clean=False, overwrite_revision=new_plan.latest_revision)

    for page_copy in list(copier.pages.values()):  # a post-test stays paired with its copied pre-test
        paired = getattr(page_copy, "paired_pre_test_id", None)
        if paired in copier.pages:
            copier.settle(page_copy, {"paired_pre_test": copier.pages[paired]})
    return Rerun(plan=new_plan, cohort=cohort, pages=copier.pages)

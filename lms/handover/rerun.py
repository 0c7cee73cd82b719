"""Run the programme again for a new cohort: the training plan and its workshops at new dates, and
the tests and questionnaires the workshops use, copied in every language, with no trainee data.

What is copied: pages and their own parts (the plan's workshops, a quiz's slots, a questionnaire's
items), the way Wagtail copies a page. What is not: attempts, responses, attendance, certificates,
progress and enrolments, which point at a page or a workshop without belonging to it; the new cohort
starts empty. The copied plan is a draft under the OTE approval workflow: only an approver publishes
it (lms.training.plans). The copied tests and questionnaires are drafts the trainer publishes when the
cohort starts.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page

from courses.models import Cohort
from home.languages import language_codes, localized

from ..models import FacilitatorNote, TrainingPlanPage
from ..training.plans import require_approval


@dataclass(frozen=True)
class Rerun:
    plan: TrainingPlanPage
    cohort: Cohort
    pages: dict[int, Page]  # original page id → its copy


def _shift(value, offset: datetime.timedelta):
    return value + offset if value else value


def _copy_attrs(page: Page, suffix: str) -> dict:
    """Each language's slug gets the cohort's suffix (unique among the siblings); titles stay."""
    attrs = {}
    for language in language_codes():
        slug = getattr(page, localized("slug", language))
        if slug:
            attrs[localized("slug", language)] = f"{slug}-{suffix}"[:255]
    attrs["slug"] = attrs.get(localized("slug", language_codes()[0]), f"{page.slug}-{suffix}")
    return attrs


def _copy_page(page: Page, *, suffix: str, user, extra: dict | None = None) -> Page:
    return page.specific.copy(
        keep_live=False,
        user=user,
        update_attrs={**_copy_attrs(page, suffix), **(extra or {})},
        copy_revisions=False,
        log_action="wagtail.copy",
    ).specific


@transaction.atomic
def rerun_plan(*, plan: TrainingPlanPage, cohort_name: str, offset_days: int, user) -> Rerun:
    """Copy `plan` for a new cohort named `cohort_name`, every date moved by `offset_days`."""
    offset = datetime.timedelta(days=offset_days)
    suffix = slugify(cohort_name) or f"cohort-{offset_days}"
    old_cohort = plan.cohort
    cohort = Cohort.objects.create(
        name=cohort_name,
        start_date=_shift(old_cohort.start_date, offset) if old_cohort else None,
        end_date=_shift(old_cohort.end_date, offset) if old_cohort else None,
    )
    if old_cohort:
        cohort.courses.set(old_cohort.courses.all())

    originals = list(plan.workshops.all().prefetch_related("modules"))
    pages: dict[int, Page] = {}

    def copied(page):
        if page is None:
            return None
        if page.pk not in pages:
            extra = {"cohort": cohort} if hasattr(page.specific, "cohort") else {}
            for name in ("opens_at", "closes_at"):
                if getattr(page.specific, name, None):
                    extra[name] = getattr(page.specific, name) + offset
            pages[page.pk] = _copy_page(page, suffix=suffix, user=user, extra=extra)
        return pages[page.pk]

    new_plan = _copy_page(
        plan,
        suffix=suffix,
        user=user,
        extra={
            "cohort": cohort,
            "period_start": _shift(plan.period_start, offset),
            "period_end": _shift(plan.period_end, offset),
        },
    )
    require_approval(new_plan)
    copies = {workshop.sort_order: workshop for workshop in new_plan.workshops.all()}
    for original in originals:
        workshop = copies[original.sort_order]
        workshop.starts_at = original.starts_at + offset
        workshop.pre_test = copied(original.pre_test)
        workshop.post_test = copied(original.post_test)
        workshop.satisfaction_survey = copied(original.satisfaction_survey)
        workshop.save()
        workshop.modules.set(original.modules.all())
        note = FacilitatorNote.objects.filter(workshop=original).first()
        if note is not None:  # the trainers' notes go with the workshop: they are not trainee data
            note.pk, note.workshop = None, workshop
            note.save()
    for page in pages.values():
        paired = getattr(page, "paired_pre_test_id", None)
        if paired in pages:
            page.paired_pre_test = pages[paired]
            page.save(update_fields=["paired_pre_test"])
    return Rerun(plan=new_plan, cohort=cohort, pages=pages)

"""The life of an assignment: draft, submit, feedback drafted then released, revise, accept.

- A trainee has one `Submission` per assignment, holding the draft. Saving the draft is possible
  while the work is a draft or returned for revision.
- Submitting freezes the draft into a numbered, dated `SubmissionVersion` (a record: never changed).
  The first submission and `max_revisions` resubmissions are allowed, until the due date (its grace
  included, `availability.is_past`); a trainer may reopen the work for one more submission beyond
  either limit.
- The trainer's feedback on the latest version is drafted (nothing shows to the trainee), then
  released with a decision: "return for revision" or "accept". Released feedback is a record.
- With a rubric, the score is the sum of the points of the levels chosen, one per criterion, as the
  points stood at release; comments-only assignments have no score.
- Acceptance completes the step, once (`courses.progress.mark_step_complete`), with the score as a
  percentage of the rubric's maximum: the progress matrix, the trainee's progress and the
  competence evidence read it from there.

Every write is atomic and locks the submission's row, so two tabs or two trainers cannot both act
on the same state.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.progress import mark_step_complete, record_visit
from courses.worksheets import Problem, actors_for, spec_from_data, validate
from courses.worksheets.presentation import WorksheetView, actor_names_in, present
from home.numbers import percent_of
from home.uploads import check_document

from .availability import is_past
from .models import (
    AssignmentPage,
    CriterionMark,
    Feedback,
    RubricCriterion,
    Submission,
    SubmissionVersion,
)
from .models.assignments import RUBRIC_LEVELS, Decision, SubmissionMode, SubmissionStatus

MAX_TEXT_LENGTH = 50_000

EDITABLE = (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)


class AssignmentError(Exception):
    """A refusal the person must be told about, in their language."""

    message = _("This action is not possible.")

    def __str__(self) -> str:
        return str(self.message)


class NotEditable(AssignmentError):
    message = _("This work is with your trainer or already accepted: it cannot be changed now.")


class NothingToSubmit(AssignmentError):
    message = _("Write your work or attach your file before submitting it.")


class PastDueDate(AssignmentError):
    message = _("The due date has passed: ask your trainer to reopen the assignment.")


class NoRevisionsLeft(AssignmentError):
    message = _("You have used all the revisions allowed: ask your trainer to reopen the assignment.")


class WorksheetIncomplete(AssignmentError):
    """A template submission that the template's rules refuse; `problems` says what is missing."""

    message = _("Your worksheet is not complete yet: complete the points listed below, then submit it.")

    def __init__(self, problems: list[Problem]):
        super().__init__()
        self.problems = problems


class NotAwaitingFeedback(AssignmentError):
    message = _("This version is not awaiting feedback: nothing was changed.")


class FeedbackReleased(AssignmentError):
    message = _("This feedback has already been released: it cannot be changed.")


class LevelMissing(AssignmentError):
    message = _("Choose a level for every criterion before releasing the feedback.")


class DecisionMissing(AssignmentError):
    message = _("Choose whether to return the work for revision or to accept it.")


class NotReopenable(AssignmentError):
    message = _("Only returned work can be reopened.")


# Reading ----------------------------------------------------------------------------------------


def criteria_of(*, assignment: AssignmentPage) -> list[RubricCriterion]:
    if assignment.comments_only:
        return []
    return list(assignment.criteria.all())


def levels_of(criterion: RubricCriterion) -> list[tuple[int, str, int]]:
    """The criterion's levels as (number, descriptor, points); a level without descriptor is not one
    (three-level rubrics leave the fourth empty)."""
    levels = []
    for number in RUBRIC_LEVELS:
        descriptor = getattr(criterion, f"level_{number}")
        if descriptor:
            levels.append((number, descriptor, getattr(criterion, f"points_{number}")))
    return levels


def level_points(*, criterion: RubricCriterion, level: int) -> int:
    return getattr(criterion, f"points_{level}")


def max_points(*, criteria: list[RubricCriterion]) -> int:
    """The most a piece of work can score: the highest level's points of every criterion."""
    return sum(max((points for _n, _d, points in levels_of(c)), default=0) for c in criteria)


def score(*, points: list[int | None]) -> int:
    """The rubric score: the sum of the chosen levels' points."""
    return sum(value for value in points if value is not None)


def versions_of(*, submission: Submission | None) -> list[SubmissionVersion]:
    if submission is None or submission.pk is None:
        return []
    return list(submission.versions.select_related("feedback").order_by("number"))


def released_feedback(version: SubmissionVersion) -> Feedback | None:
    """The feedback the trainee may read: released only."""
    feedback = getattr(version, "feedback", None)
    return feedback if feedback is not None and feedback.is_released else None


def own_submission(*, user, assignment: AssignmentPage) -> Submission | None:
    return Submission.objects.filter(user=user, assignment=assignment).first()


def work_handed_in(*, assignment, user) -> Exists:
    """Where `user`'s work on `assignment` is with the trainer or accepted: nothing more is expected
    of them until feedback comes (a draft, or work returned for revision, still is). Either argument
    may be an `OuterRef`, for a list of people or of assignments in one query."""
    return Exists(Submission.objects.filter(assignment=assignment, user=user).exclude(status__in=EDITABLE))


def revisions_left(*, assignment: AssignmentPage, versions: int) -> int:
    """How many more times returned work may be handed in (the first submission is not a revision)."""
    if versions == 0:
        return assignment.max_revisions
    return max(0, assignment.max_revisions - (versions - 1))


def submission_refusal(
    *, assignment: AssignmentPage, submission: Submission | None, versions: int, now: datetime
) -> AssignmentError | None:
    """Why the work may not be submitted now, or None when it may: one home for the rule."""
    status = submission.status if submission is not None else SubmissionStatus.DRAFT
    if status not in EDITABLE:
        return NotEditable()
    if submission is not None and submission.reopened_at is not None:
        return None
    if is_past(assignment.due_at, now=now):
        return PastDueDate()
    if versions > 0 and revisions_left(assignment=assignment, versions=versions) == 0:
        return NoRevisionsLeft()
    return None


# Trainee's writes -------------------------------------------------------------------------------


def _locked(*, user, assignment: AssignmentPage) -> Submission:
    submission, _created = Submission.objects.get_or_create(user=user, assignment=assignment)
    return Submission.objects.select_for_update().get(pk=submission.pk)


@transaction.atomic
def save_draft(
    *,
    user,
    assignment: AssignmentPage,
    text: str | None = None,
    upload=None,
    values: Mapping | None = None,
    now: datetime | None = None,
) -> Submission:
    """Keep the draft (text, file or template values); refused once handed in or accepted."""
    submission = _locked(user=user, assignment=assignment)
    if submission.status not in EDITABLE:
        raise NotEditable()
    if text is not None:
        if len(text) > MAX_TEXT_LENGTH:
            raise ValidationError(
                _("The text is too long: %(count)s characters at most.") % {"count": MAX_TEXT_LENGTH}
            )
        submission.text = text
    if upload is not None:
        check_document(upload)
        replaced = submission.file.name if submission.file else ""
        submission.file.save(upload.name, upload, save=False)
        if replaced:  # versions hold copies of their own: the draft's former file goes, once saved
            storage = submission.file.storage
            transaction.on_commit(lambda: storage.delete(replaced))
    if values is not None:
        submission.values = dict(values)
    submission.saved_at = now or timezone.now()
    submission.save()
    record_visit(user=user, page=assignment, now=submission.saved_at)
    return submission


def _has_content(submission: Submission, mode: str) -> bool:
    if mode == SubmissionMode.FILE:
        return bool(submission.file)
    if mode == SubmissionMode.TEMPLATE:
        return bool(submission.values)
    return bool(submission.text.strip())


@transaction.atomic
def submit(*, user, assignment: AssignmentPage, now: datetime | None = None) -> SubmissionVersion:
    """ "Soumettre pour retour": the draft becomes the next numbered version, awaiting feedback."""
    now = now or timezone.now()
    submission = _locked(user=user, assignment=assignment)
    versions = submission.versions.count()
    refusal = submission_refusal(assignment=assignment, submission=submission, versions=versions, now=now)
    if refusal is not None:
        raise refusal
    if not _has_content(submission, assignment.submission_mode):
        raise NothingToSubmit()
    is_template = assignment.submission_mode == SubmissionMode.TEMPLATE
    template = assignment.worksheet_template if is_template else None
    if template is not None:
        actor_ids = set(actors_for(user).values_list("pk", flat=True))
        problems = validate(template=template, values=submission.values, actor_ids=actor_ids)
        if problems:
            raise WorksheetIncomplete(problems)
    version = SubmissionVersion(
        submission=submission,
        number=versions + 1,
        submitted_at=now,
        text=submission.text if assignment.submission_mode == SubmissionMode.TEXT else "",
        values=submission.values if template is not None else {},
        # The template as it reads now: a later edit of it never changes this version.
        template_titles=template.titles() if template is not None else None,
        template_structure=template.structure() if template is not None else None,
    )
    if assignment.submission_mode == SubmissionMode.FILE:
        name = submission.file.name.rsplit("/", 1)[-1]
        version.file_name = name
        with submission.file.open("rb") as stored:
            version.file.save(name, stored, save=False)
    version.full_clean(exclude=["file"])
    version.save()
    submission.status = SubmissionStatus.SUBMITTED
    submission.reopened_at = None
    submission.reopened_by = None
    submission.save(update_fields=["status", "reopened_at", "reopened_by"])
    return version


def _snapshot_spec(version: SubmissionVersion):
    return spec_from_data(title=version.template_titles or {}, sections=version.template_structure)


def version_worksheets(versions: list[SubmissionVersion]) -> dict[int, WorksheetView]:
    """The template versions among `versions` as they were handed in (each with its own snapshot of
    the template: a later edit of it never changes them), read-only, by version id: sections, grid
    and roadmap. Text and file versions are left out. One query for the actors' names, whatever
    the number of versions."""
    specs = {v.pk: _snapshot_spec(v) for v in versions if v.template_structure is not None}
    if not specs:
        return {}
    values = {v.pk: v.values for v in versions}
    names = actor_names_in(filled=[(spec, values[pk]) for pk, spec in specs.items()])
    return {
        pk: present(template=spec, values=values[pk], actors=names.full, short_names=names.short)
        for pk, spec in specs.items()
    }


def version_worksheet(version: SubmissionVersion) -> WorksheetView | None:
    return version_worksheets([version]).get(version.pk)


# Trainer's writes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MarkInput:
    level: int | None = None
    comment: str = ""


def latest_version(*, submission: Submission) -> SubmissionVersion | None:
    return submission.versions.order_by("-number").first()


@transaction.atomic
def save_feedback(
    *,
    version: SubmissionVersion,
    reviewer,
    marks: Mapping[int, MarkInput],
    overall_comment: str = "",
    decision: str = "",
    release: bool = False,
    now: datetime | None = None,
) -> Feedback:
    """Draft the feedback on the latest version awaiting it; with `release`, send it with its decision:
    the work goes back for revision, or is accepted (the step completed, with its score)."""
    now = now or timezone.now()
    submission = (
        Submission.objects.select_for_update().select_related("assignment").get(pk=version.submission_id)
    )
    if (
        submission.status != SubmissionStatus.SUBMITTED
        or latest_version(submission=submission).pk != version.pk
    ):
        raise NotAwaitingFeedback()
    feedback = Feedback.objects.select_for_update().filter(version=version).first()
    if feedback is not None and feedback.is_released:
        raise FeedbackReleased()
    assignment = submission.assignment.specific
    criteria = criteria_of(assignment=assignment)
    chosen: list[CriterionMark] = []
    for position, criterion in enumerate(criteria):
        entry = marks.get(criterion.pk, MarkInput())
        valid_levels = {number for number, _d, _p in levels_of(criterion)}
        level = entry.level if entry.level in valid_levels else None
        points = level_points(criterion=criterion, level=level) if level else None
        chosen.append(
            CriterionMark(
                criterion=criterion, position=position, level=level, points=points, comment=entry.comment
            )
        )
    if release:
        if criteria and any(mark.level is None for mark in chosen):
            raise LevelMissing()
        if decision not in Decision.values:
            raise DecisionMissing()
    if feedback is None:
        feedback = Feedback(version=version)
    feedback.reviewer = reviewer
    feedback.overall_comment = overall_comment
    feedback.decision = decision if decision in Decision.values else ""
    feedback.points = score(points=[mark.points for mark in chosen]) if criteria else None
    feedback.max_points = max_points(criteria=criteria) if criteria else None
    feedback.updated_at = now
    feedback.released_at = now if release else None
    feedback.full_clean()
    feedback.save()
    feedback.marks.all().delete()
    for mark in chosen:
        mark.feedback = feedback
    CriterionMark.objects.bulk_create(chosen)
    if release:
        _decide(submission=submission, assignment=assignment, feedback=feedback)
    return feedback


def score_percent(feedback: Feedback) -> int | None:
    if feedback.points is None or not feedback.max_points:
        return None
    return percent_of(feedback.points, feedback.max_points)


def _decide(*, submission: Submission, assignment: AssignmentPage, feedback: Feedback) -> None:
    if feedback.decision == Decision.ACCEPT:
        submission.status = SubmissionStatus.ACCEPTED
        submission.save(update_fields=["status"])
        mark_step_complete(user=submission.user, page=assignment, score=score_percent(feedback))
    else:
        submission.status = SubmissionStatus.RETURNED
        submission.save(update_fields=["status"])


@transaction.atomic
def reopen(*, submission: Submission, by, now: datetime | None = None) -> Submission:
    """Allow one more submission of returned work, past the due date or the revisions allowed."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status not in EDITABLE:
        raise NotReopenable()
    submission.reopened_at = now or timezone.now()
    submission.reopened_by = by
    submission.save(update_fields=["reopened_at", "reopened_by"])
    return submission


# The trainer's queue --------------------------------------------------------------------------


def awaiting_feedback(*, assignment_ids: list[int] | None = None) -> QuerySet:
    """Submissions handed in and not answered yet, oldest first, with what the queue shows (one query)."""
    submissions = Submission.objects.filter(status=SubmissionStatus.SUBMITTED)
    if assignment_ids is not None:
        submissions = submissions.filter(assignment_id__in=assignment_ids)
    return (
        submissions.select_related("user", "assignment")
        .annotate(
            version_count=Count("versions"),
            handed_in_at=Max("versions__submitted_at"),
            feedback_drafted=Count(
                "versions__feedback", filter=Q(versions__feedback__released_at__isnull=True)
            ),
        )
        .order_by("handed_in_at", "pk")
    )


def awaiting_feedback_count(*, user_ids=None) -> int:
    submissions = Submission.objects.filter(status=SubmissionStatus.SUBMITTED)
    if user_ids is not None:
        submissions = submissions.filter(user_id__in=user_ids)
    return submissions.count()


# Competence evidence ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    assignment: AssignmentPage
    competences: list
    accepted_at: datetime | None
    score: int | None  # percent of the rubric's maximum


def competence_evidence(*, user) -> list[Evidence]:
    """The accepted assignments of a trainee, each with the competences it shows and its score (two
    queries: the accepted versions' feedback with their assignments, the competences)."""
    accepted = list(
        Feedback.objects.filter(
            version__submission__user=user,
            decision=Decision.ACCEPT,
            released_at__isnull=False,
        )
        .select_related("version__submission__assignment")
        .prefetch_related("version__submission__assignment__competences")
        .order_by("released_at")
    )
    return [
        Evidence(
            assignment=feedback.version.submission.assignment,
            competences=list(feedback.version.submission.assignment.competences.all()),
            accepted_at=feedback.released_at,
            score=score_percent(feedback),
        )
        for feedback in accepted
    ]


# What the trainee's page shows ------------------------------------------------------------------


@dataclass(frozen=True)
class VersionEntry:
    version: SubmissionVersion
    feedback: Feedback | None  # released only


@dataclass(frozen=True)
class TraineeView:
    submission: Submission | None
    versions: list[VersionEntry]
    refusal: AssignmentError | None  # why the work cannot be handed in now
    revisions_left: int

    @property
    def status(self) -> str:
        return self.submission.status if self.submission is not None else SubmissionStatus.DRAFT

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def may_submit(self) -> bool:
        return self.refusal is None

    @property
    def latest_feedback(self) -> Feedback | None:
        return self.versions[-1].feedback if self.versions else None


def trainee_view(*, user, assignment: AssignmentPage, now: datetime | None = None) -> TraineeView:
    """The trainee's submission, their versions with the feedback released on each (two queries)."""
    submission = own_submission(user=user, assignment=assignment)
    versions = versions_of(submission=submission)
    return TraineeView(
        submission=submission,
        versions=[VersionEntry(version, released_feedback(version)) for version in versions],
        refusal=submission_refusal(
            assignment=assignment, submission=submission, versions=len(versions), now=now or timezone.now()
        ),
        revisions_left=revisions_left(assignment=assignment, versions=len(versions)),
    )


def marks_of(feedback: Feedback | None) -> list[CriterionMark]:
    if feedback is None:
        return []
    return list(feedback.marks.select_related("criterion"))


def review_notice(*, cohort):
    """Above the cohort's progress matrix: "To review (n)", linking to the queue for that cohort (one
    query)."""
    from django.urls import reverse

    from courses.matrix import MatrixNotice

    count = Submission.objects.filter(status=SubmissionStatus.SUBMITTED, user__cohorts=cohort).count()
    label = _("To review (%(count)s)") % {"count": count}
    return [
        MatrixNotice(
            label=str(label), url=f"{reverse('assessments_review_queue')}?cohort={cohort.pk}", count=count
        )
    ]

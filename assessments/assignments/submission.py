"""The trainee's side: the draft, when work may be handed in (`submission_refusal`, one home for
the rule) and submitting it as a numbered version (the rules: `assessments.assignments`)."""

from collections.abc import Mapping
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.progress import record_visit
from courses.worksheets import actors_for, validate
from home.uploads import check_document

from ..availability import is_past
from ..models import AssignmentPage, Submission, SubmissionVersion
from ..models.assignments import SubmissionMode, SubmissionStatus
from .refusals import (
    AssignmentError,
    NoRevisionsLeft,
    NotEditable,
    NothingToSubmit,
    PastDueDate,
    WorksheetIncomplete,
)

MAX_TEXT_LENGTH = 50_000

EDITABLE = (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)


def versions_of(*, submission: Submission | None) -> list[SubmissionVersion]:
    if submission is None or submission.pk is None:
        return []
    return list(submission.versions.select_related("feedback").order_by("number"))


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

"""Erasing a trainee, on request or at the end of the retention period.

The person's identity and free text go; their account row stays as an empty, locked pseudonym
so that attempts, responses, progress and attendance still count in the group's figures. A typed
quiz answer goes too, its points stay: they were counted when the attempt was submitted. The
workbook (reflection answers, worksheets) goes whole. Assignment submissions are the person's own
writing: they go whole (drafts, versions, files, feedback), the step's completion and score stay in
their progress.
"""

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.users.models import UserProfile

from assessments.models import Attempt, AttemptQuestion, ItemAnswer, Response, Submission, SubmissionVersion
from courses.models import Actor, StepProgress
from home.roles import Role

from ..followup.privacy import erase_follow_up
from ..models import Attendance, Certificate, ConsentRecord, Erasure, ReflectionAnswer, Worksheet

PSEUDONYM_PREFIX = "erased-"


class ErasureRefused(Exception):
    pass


@dataclass(frozen=True)
class ErasureSummary:
    """What erasing a trainee removes and what it keeps, shown before it is confirmed."""

    kept_attempts: int
    kept_responses: int
    kept_progress: int
    kept_attendance: int
    removed_certificates: int
    removed_free_text_answers: int
    removed_typed_quiz_answers: int
    removed_workbook_entries: int = 0  # reflection answers and worksheets
    removed_submissions: int = 0


def erasable_trainees() -> QuerySet:
    """Accounts that are trainees and nothing more: staff, reviewers and approvers are not erased here."""
    return (
        get_user_model()
        .objects.filter(groups__name=Role.TRAINEE.value, is_staff=False, is_superuser=False, erasure=None)
        .exclude(groups__name__in=[role.value for role in Role if role != Role.TRAINEE])
    )


def erasure_summary(*, user) -> ErasureSummary:
    return ErasureSummary(
        kept_attempts=Attempt.objects.filter(user=user).count(),
        # Linked responses only: whether the person answered an anonymous questionnaire is not shown.
        kept_responses=Response.objects.filter(respondent=user).count(),
        kept_progress=StepProgress.objects.filter(user=user).count(),
        kept_attendance=Attendance.objects.filter(trainee=user).count(),
        removed_certificates=Certificate.objects.filter(user=user).count(),
        removed_free_text_answers=ItemAnswer.objects.filter(response__respondent=user)
        .exclude(text="")
        .count(),
        removed_typed_quiz_answers=AttemptQuestion.objects.filter(attempt__user=user)
        .exclude(text_answer="")
        .count(),
        removed_workbook_entries=ReflectionAnswer.objects.filter(owner=user).count()
        + Worksheet.objects.filter(owner=user).count(),
        removed_submissions=Submission.objects.filter(user=user).count(),
    )


@transaction.atomic
def erase_trainee(*, user, by=None, reason: str = Erasure.Reason.REQUEST) -> Erasure:
    """Remove everything that identifies `user`; keep what the cohort's figures are made of."""
    account = get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if account is None or not erasable_trainees().filter(pk=account.pk).exists():
        raise ErasureRefused(_("Only a trainee's account can be erased, and only once."))
    username = account.get_username()
    Certificate.objects.filter(user=account).delete()
    erase_follow_up(user=account)
    ConsentRecord.objects.filter(user=account).delete()
    UserProfile.objects.filter(user=account).delete()
    ItemAnswer.objects.filter(response__respondent=account).exclude(text="").update(text="")
    AttemptQuestion.objects.filter(attempt__user=account).exclude(text_answer="").update(text_answer="")
    Attendance.objects.filter(trainee=account).exclude(note="").update(note="")
    # The workbook is the trainee's own writing: it goes whole. Register entries they proposed stay,
    # unlinked from them (an institution's entry names no person).
    ReflectionAnswer.objects.filter(owner=account).delete()
    Worksheet.objects.filter(owner=account).delete()
    Actor.objects.filter(proposed_by=account).update(proposed_by=None)
    _remove_submissions(account)
    for log in (AccessAttempt, AccessFailureLog, AccessLog):
        log.objects.filter(username=username).delete()
    account.username = f"{PSEUDONYM_PREFIX}{secrets.token_hex(6)}"
    account.first_name = account.last_name = account.email = ""
    account.is_active = False
    account.last_login = None
    account.set_unusable_password()  # also ends every session the person still had
    account.save()
    return Erasure.objects.create(account=account, erased_by=by, reason=reason)


def _remove_submissions(account) -> None:
    """The person's assignment work, with its files (after the transaction commits, so that a rollback
    leaves them in place)."""
    submissions = Submission.objects.filter(user=account)
    files = [s.file for s in submissions if s.file] + [
        v.file for v in SubmissionVersion.objects.filter(submission__in=submissions) if v.file
    ]
    submissions.delete()
    for stored in files:
        transaction.on_commit(lambda stored=stored: stored.storage.delete(stored.name))


@dataclass
class RetentionReport:
    trainees: list[str] = field(default_factory=list)
    login_records: int = 0
    expired_sessions: int = 0


def trainees_past_retention(*, now: datetime) -> QuerySet:
    cutoff = now - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    return (
        erasable_trainees()
        .annotate(last_seen=Coalesce("last_login", "date_joined"))
        .filter(last_seen__lt=cutoff)
        .order_by("username")
    )


def apply_retention(*, dry_run: bool, now: datetime | None = None) -> RetentionReport:
    """Erase trainees inactive for longer than the retention period, delete old sign-in records
    and expired sessions. With `dry_run`, only report what would be done."""
    now = now or timezone.now()
    log_cutoff = now - timedelta(days=settings.LOGIN_LOG_RETENTION_DAYS)
    old_logs = [
        AccessLog.objects.filter(attempt_time__lt=log_cutoff),
        AccessFailureLog.objects.filter(attempt_time__lt=log_cutoff),
        AccessAttempt.objects.filter(attempt_time__lt=log_cutoff),
    ]
    expired_sessions = Session.objects.filter(expire_date__lt=now)
    trainees = list(trainees_past_retention(now=now))
    report = RetentionReport(
        trainees=[trainee.get_username() for trainee in trainees],
        login_records=sum(logs.count() for logs in old_logs),
        expired_sessions=expired_sessions.count(),
    )
    if dry_run:
        return report
    with transaction.atomic():
        for trainee in trainees:
            erase_trainee(user=trainee, reason=Erasure.Reason.RETENTION)
        for logs in old_logs:
            logs.delete()
        expired_sessions.delete()
    return report

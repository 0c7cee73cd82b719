"""The trainer's "who needs a nudge" board: what to follow up today, each line with where to act.

Every rule is read from its home: behind schedule from `courses.schedule` on the progress matrix's
figures, "who is expected to answer" from `assessments.questionnaires.meant_for`, "open now" from
`assessments.availability`, trainees only through `home.roles.not_a_trainee`. The board reads a
constant number of queries whatever the number of trainees (per running cohort and open
needs-assessment questionnaire, not per person).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from assessments.availability import open_filter
from assessments.models import Attempt, QuestionnairePage
from assessments.models.attempts import AttemptStatus
from assessments.models.questionnaires import Participation, QuestionnairePurpose
from assessments.questionnaires import meant_for
from courses.matrix import cohort_matrix
from courses.models import Cohort
from courses.schedule import expected_percent, is_behind
from home.people import NAME_ORDER
from home.roles import STAFF_ROLES, Role, not_a_trainee

from ..models import Workshop
from .approvals import PlanSentBack, plans_sent_back


@dataclass(frozen=True)
class BehindSchedule:
    trainee: object
    cohort: Cohort
    percent: int
    expected: int


@dataclass(frozen=True)
class NotAnswered:
    trainee: object
    questionnaire: QuestionnairePage


@dataclass(frozen=True)
class NudgeBoard:
    behind: list[BehindSchedule]
    not_answered: list[NotAnswered]
    open_attempts: list[Attempt]
    workshops_this_week: list[Workshop]
    plans_sent_back: list[PlanSentBack]

    @property
    def is_empty(self) -> bool:
        return not (
            self.behind
            or self.not_answered
            or self.open_attempts
            or self.workshops_this_week
            or self.plans_sent_back
        )


def behind_schedule(*, today: date) -> list[BehindSchedule]:
    """The trainees of the running cohorts whose progress is behind the cohort's calendar."""
    behind = []
    for cohort in Cohort.objects.filter(start_date__lte=today, end_date__gte=today).order_by("name"):
        expected = expected_percent(cohort=cohort, today=today)
        for row in cohort_matrix(cohort=cohort).rows:
            if is_behind(percent=row.percent, expected=expected):
                behind.append(BehindSchedule(row.trainee, cohort, row.percent, expected))
    return behind


def _staff_ids():
    """The users who never count as trainees: `home.roles.not_a_trainee`'s rule, on the user table."""
    staff = Q(is_superuser=True) | Q(groups__name__in=[role.value for role in STAFF_ROLES])
    return get_user_model().objects.filter(staff).values("pk")


def _trainees():
    """The active members of the Trainees group whose work counts (`home.roles.counts_as_trainee`)."""
    return (
        get_user_model()
        .objects.filter(groups__name=Role.TRAINEE.value, is_active=True)
        .exclude(pk__in=_staff_ids())
    )


def needs_assessment_missing(*, now: datetime) -> list[NotAnswered]:
    """The trainees expected to answer an open needs-assessment questionnaire who have not submitted it."""
    missing = []
    questionnaires = (
        QuestionnairePage.objects.live()
        .filter(open_filter(now=now), purpose=QuestionnairePurpose.NEEDS_ASSESSMENT)
        .order_by("path")
    )
    for questionnaire in questionnaires:
        expected = QuestionnairePage.objects.filter(pk=questionnaire.pk).filter(
            meant_for(user=OuterRef("pk"))
        )
        answered = Participation.objects.filter(questionnaire=questionnaire, user=OuterRef("pk"))
        trainees = (
            _trainees().filter(Exists(expected)).exclude(Exists(answered)).distinct().order_by(*NAME_ORDER)
        )
        missing += [NotAnswered(trainee, questionnaire) for trainee in trainees]
    return missing


def unfinished_attempts() -> list[Attempt]:
    """Quiz attempts trainees started and left open, the oldest first."""
    return list(
        Attempt.objects.filter(status=AttemptStatus.OPEN)
        .exclude(not_a_trainee())
        .select_related("user", "quiz")
        .order_by("started_at")
    )


def week_of(today: date) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday 00:00, local time, around `today`."""
    monday = today - timedelta(days=today.weekday())
    start = timezone.make_aware(datetime.combine(monday, time.min))
    return start, start + timedelta(days=7)


def workshops_this_week(*, today: date) -> list[Workshop]:
    start, end = week_of(today)
    return list(
        Workshop.objects.filter(starts_at__gte=start, starts_at__lt=end)
        .select_related("plan")
        .order_by("starts_at")
    )


def nudge_board(*, now: datetime | None = None) -> NudgeBoard:
    now = now or timezone.now()
    today = timezone.localdate(now)
    return NudgeBoard(
        behind=behind_schedule(today=today),
        not_answered=needs_assessment_missing(now=now),
        open_attempts=unfinished_attempts(),
        workshops_this_week=workshops_this_week(today=today),
        plans_sent_back=plans_sent_back(),
    )

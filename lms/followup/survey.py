"""The six-month application survey: a questionnaire of the existing engine, opened for the plan's
cohort six months after the plan's last workshop. Its opening date is computed from the plan and
written into the questionnaire's own window (as a published revision, as an editor would), so the
engine opens it by itself when the day comes: no scheduled task. Re-run whenever the plan is
published, that is when the OTE approves it (`follow_the_published_plan`, connected in
`lms/apps.py`): a workshop moved in an approved plan moves the opening, a date only drafted (and
perhaps rejected) does not."""

from datetime import datetime, time

from django.db import transaction
from django.utils import timezone

from ..models import TrainingPlanPage
from .checkins import add_months

SURVEY_AFTER_MONTHS = 6


def application_survey_opens(*, plan: TrainingPlanPage) -> datetime | None:
    """Six months after the day of the plan's last workshop, at the start of that day."""
    last = plan.workshops.order_by("-starts_at").values_list("starts_at", flat=True).first()
    if last is None:
        return None
    day = add_months(timezone.localdate(last), SURVEY_AFTER_MONTHS)
    return timezone.make_aware(datetime.combine(day, time.min))


@transaction.atomic
def schedule_application_survey(*, plan: TrainingPlanPage, user=None) -> bool:
    """Set the plan's survey to open on time for the plan's cohort; True when something changed."""
    if not plan.application_survey_id:
        return False
    survey = plan.application_survey.specific
    opens = application_survey_opens(plan=plan)
    cohort_id = survey.cohort_id or plan.cohort_id
    if survey.opens_at == opens and survey.cohort_id == cohort_id:
        return False
    survey.opens_at = opens
    survey.cohort_id = cohort_id
    revision = survey.save_revision(user=user, log_action=True)
    if survey.live:
        revision.publish(user=user)
    return True


def follow_the_published_plan(sender, instance: TrainingPlanPage, **kwargs) -> None:
    """`page_published` for training plans: the survey follows the plan as approved."""
    schedule_application_survey(plan=instance)

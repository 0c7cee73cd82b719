"""Builders for training plans and workshops."""

from datetime import timedelta
from itertools import count

from django.utils import timezone, translation
from wagtail.models import WorkflowState

from home.site_tree import ensure_home_page
from lms.models import TrainingPlanPage, Workshop
from lms.training.plans import require_approval

_sequence = count(1)


def make_plan(
    *, cohort=None, workshops: int = 1, live: bool = False, starts=None, **fields
) -> TrainingPlanPage:
    """`starts`: the workshops' start times; by default they were held on the last `workshops` days,
    one a day, so that attendance can be recorded for them."""
    n = next(_sequence)
    if starts is None:
        now = timezone.now()
        starts = [now - timedelta(days=workshops + 1 - i) for i in range(1, workshops + 1)]
    with translation.override("fr"):
        plan = TrainingPlanPage(
            title=f"Plan {n}",
            title_fr=f"Plan {n}",
            title_ar=f"مخطط {n}",
            slug=f"plan-{n}",
            slug_fr=f"plan-{n}",
            slug_ar=f"mukhattat-{n}",
            cohort=cohort,
            live=live,
            objectives_fr="<p>Objectifs</p>",
            objectives_ar="<p>الأهداف</p>",
            **fields,
        )
        plan.workshops = [
            Workshop(
                title=f"Atelier {i}",
                title_fr=f"Atelier {i}",
                title_ar=f"ورشة {i}",
                starts_at=start,
                sort_order=i,
            )
            for i, start in enumerate(starts, start=1)
        ]
        ensure_home_page().add_child(instance=plan)
    require_approval(plan)
    return plan


def submit(plan, trainer):
    """The trainer saves a revision and submits the plan to its approval workflow."""
    plan.save_revision(user=trainer)
    return plan.get_workflow().start(plan, user=trainer)


def approve(plan, approver):
    """The approver approves the plan's task in progress (which publishes it)."""
    state = WorkflowState.objects.get(object_id=str(plan.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, approver, "approve")

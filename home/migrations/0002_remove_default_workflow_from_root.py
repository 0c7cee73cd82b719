"""No workflow on the root page (home.site_tree.remove_root_workflows, for existing databases).

Wagtail's migration wagtailcore.0048 links a "Moderators approval" workflow to the root page, for
a group this site removes: every page without a workflow of its own inherited a review nobody can
approve. A workflow left on no page is deactivated and its reviews in progress are cancelled.
Reversing it does nothing (the link is not put back).
"""

from django.db import migrations
from django.utils import timezone


def remove_root_workflows(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    TaskState = apps.get_model("wagtailcore", "TaskState")

    links = WorkflowPage.objects.filter(page__in=Page.objects.filter(depth=1))
    workflow_ids = set(links.values_list("workflow_id", flat=True))
    links.delete()
    for workflow in Workflow.objects.filter(pk__in=workflow_ids, active=True):
        if WorkflowPage.objects.filter(workflow=workflow).exists():
            continue
        if WorkflowContentType.objects.filter(workflow=workflow).exists():
            continue
        states = WorkflowState.objects.filter(workflow=workflow, status__in=["in_progress", "needs_changes"])
        TaskState.objects.filter(workflow_state__in=states, status="in_progress").update(
            status="cancelled", finished_at=timezone.now()
        )
        states.update(status="cancelled")
        workflow.active = False
        workflow.save(update_fields=["active"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(remove_root_workflows, migrations.RunPython.noop)]

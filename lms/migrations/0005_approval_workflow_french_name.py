"""The OTE approval workflow and task are named in French, the site's language (issue 18)."""

from django.db import migrations

OLD, NEW = "OTE approval", "Approbation de l'OTE"


def rename(apps, old: str, new: str) -> None:
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=old).update(name=new)
    apps.get_model("wagtailcore", "Task").objects.filter(name=old).update(name=new)


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0004_certificate_snapshot"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: rename(apps, OLD, NEW),
            lambda apps, schema_editor: rename(apps, NEW, OLD),
        ),
    ]

"""The record trigger on PostgreSQL raises an integrity violation (SQLSTATE 23000), as SQLite's
RAISE(ABORT) already does, so that Django reports an IntegrityError on both databases."""

from django.db import migrations

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION submitted_version_is_a_record() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'a submitted version is a record: it cannot be changed'
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""

PREVIOUS_POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION submitted_version_is_a_record() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'a submitted version is a record: it cannot be changed';
END;
$$ LANGUAGE plpgsql;
"""


def raise_integrity_violation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION)


def raise_plain_exception(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PREVIOUS_POSTGRES_FUNCTION)


class Migration(migrations.Migration):

    dependencies = [
        ("assessments", "0010_assignment_worksheet_template"),
    ]

    operations = [
        migrations.RunPython(raise_integrity_violation, raise_plain_exception),
    ]

"""Reminders, notifications and calendars (issue 22), in each person's language.

`preferences` (e-mail on/off, at once or weekly, language, calendar key), `recipients` (who may
receive anything), `triggers` (the registry: how another app plugs in its trigger, in its
docstring), `builtin` (the platform's triggers), `assignments` (work due, feedback released; the
check-ins' reminders are in `lms.followup.reminders`), `outbox` (each message once, sent in the
background, retried), `calendar` (.ics files and the personal feed), `summary` (the weekly text
for the group chat), `views` and `admin_views`; `manage.py send_notifications` runs the check.
"""

"""The periodic check (a systemd timer or cron, every 15 minutes: docs/deploy.md): record the
messages due and hand them to the worker. Safe to run twice, or in two processes at once."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from lms.notifications.outbox import collect, dispatch


class Command(BaseCommand):
    help = "Record the reminders and notifications due now and hand them to the e-mail worker."

    def handle(self, *args, **options):
        now = timezone.now()
        recorded = collect(now=now)
        handed = dispatch(now=now)
        self.stdout.write(f"{recorded} message(s) recorded, {handed} e-mail(s) handed to the worker.")

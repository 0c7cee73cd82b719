from django.conf import settings
from django.core.management.base import BaseCommand

from lms.privacy.erasure import apply_retention


class Command(BaseCommand):
    help = (
        "Erase trainees inactive for longer than PERSONAL_DATA_RETENTION_DAYS, delete sign-in records "
        "older than LOGIN_LOG_RETENTION_DAYS and expired sessions. Run it daily (cron or a timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list what would be done.")

    def handle(self, *args, dry_run: bool, **options):
        report = apply_retention(dry_run=dry_run)
        verb = "Would erase" if dry_run else "Erased"
        self.stdout.write(
            f"{verb} {len(report.trainees)} trainee(s) inactive for more than "
            f"{settings.PERSONAL_DATA_RETENTION_DAYS} days"
        )
        for username in report.trainees:
            self.stdout.write(f"  {username}")
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {report.login_records} sign-in record(s) older than "
            f"{settings.LOGIN_LOG_RETENTION_DAYS} days and {report.expired_sessions} expired session(s)"
        )
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lms.demo.accounts import ensure_demo_accounts


class Command(BaseCommand):
    help = "Create the demo accounts (never in production unless --allow-production). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true")

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Demo data is only loaded with DEBUG on, or with --allow-production."
            )
        accounts = ensure_demo_accounts()
        self.stdout.write(f"{len(accounts)} demo accounts ready.")

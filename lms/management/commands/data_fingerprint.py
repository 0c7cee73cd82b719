import json

from django.core.management.base import BaseCommand

from lms.operations.backup import fingerprint


class Command(BaseCommand):
    help = "Print the row count and SHA-256 of every backed-up table (to compare two databases)."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(fingerprint(), indent=1, sort_keys=True))

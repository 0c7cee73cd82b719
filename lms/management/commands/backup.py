from pathlib import Path

from django.core.management.base import BaseCommand

from lms.operations.backup import backup


class Command(BaseCommand):
    help = "Write the site's data (data.json), media (media.tar.gz) and a fingerprint to a folder."

    def add_arguments(self, parser):
        parser.add_argument("output", type=Path)

    def handle(self, *args, output: Path, **options):
        backup(output)
        self.stdout.write(f"Backup written to {output}")

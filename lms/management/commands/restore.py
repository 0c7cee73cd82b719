from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lms.operations.backup import DamagedBackup, restore


class Command(BaseCommand):
    help = "Replace all data of a migrated database by a backup folder's (made by `backup`)."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, source: Path, yes=False, **options):
        for name in ("data.json", "media.tar.gz"):
            if not (source / name).exists():
                raise CommandError(f"No backup in {source} ({name} is missing).")
        if not yes and input("This replaces every row of the database. Type 'yes' to go on: ") != "yes":
            raise CommandError("Restore cancelled.")
        try:
            restore(source)
        except DamagedBackup as error:
            raise CommandError(f"{error}. Nothing was changed.") from error
        self.stdout.write(f"Restored from {source}")

from django.core.management.base import BaseCommand

from home.roles import ensure_groups, remove_unused_wagtail_groups
from home.site_tree import ensure_home_page


class Command(BaseCommand):
    help = "Create the site tree and the role groups with their permissions. Safe to run again."

    def handle(self, *args, **options):
        home = ensure_home_page()
        groups = ensure_groups()
        remove_unused_wagtail_groups()
        self.stdout.write(
            f"Home page: {home.url_path}; groups: {', '.join(g.name for g in groups.values())}"
        )

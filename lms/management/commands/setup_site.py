from django.core.management.base import BaseCommand

from courses.site_tree import ensure_course_index
from home.roles import ensure_groups, remove_unused_wagtail_groups
from home.site_tree import ensure_home_page
from lms.training.plans import ensure_approval_workflow, ensure_plans_need_approval


class Command(BaseCommand):
    help = "Create the site tree and the role groups with their permissions. Safe to run again."

    def handle(self, *args, **options):
        home = ensure_home_page()
        catalogue = ensure_course_index(home)
        groups = ensure_groups()
        remove_unused_wagtail_groups()
        ensure_approval_workflow()
        ensure_plans_need_approval()
        if options["verbosity"]:
            self.stdout.write(
                f"Site tree: {home.url_path}, {catalogue.url_path}; "
                f"groups: {', '.join(g.name for g in groups.values())}"
            )

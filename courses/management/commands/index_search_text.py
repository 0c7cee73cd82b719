from django.core.management.base import BaseCommand

from courses.search import index_all_pages


class Command(BaseCommand):
    help = "Rebuild the site search's words (courses, modules, lessons) in every language."

    def handle(self, *args, **options):
        count = index_all_pages()
        self.stdout.write(f"{count} pages indexed.")

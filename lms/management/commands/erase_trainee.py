from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lms.privacy.erasure import ErasureRefused, erase_trainee, erasure_summary


class Command(BaseCommand):
    help = "Erase a trainee's personal data (right to erasure); their anonymised figures stay."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--yes", action="store_true", help="Erase; without it, only show the effect.")

    def handle(self, *args, username: str, yes: bool, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account named {username!r}.")
        summary = erasure_summary(user=user)
        self.stdout.write(
            f"Kept, anonymised: {summary.kept_attempts} attempt(s), "
            f"{summary.kept_responses} questionnaire response(s), {summary.kept_progress} progress row(s), "
            f"{summary.kept_attendance} attendance row(s)."
        )
        self.stdout.write(
            f"Removed: name, e-mail, password, {summary.removed_certificates} certificate(s), "
            f"{summary.removed_free_text_answers} free-text answer(s), "
            f"{summary.removed_typed_quiz_answers} typed quiz answer(s) (points kept), "
            f"{summary.removed_workbook_entries} workbook entry(ies), "
            f"{summary.removed_submissions} assignment submission(s) with their versions and feedback, "
            "consents, sign-in records."
        )
        if not yes:
            self.stdout.write("Nothing done: add --yes to erase.")
            return
        try:
            erasure = erase_trainee(user=user)
        except ErasureRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(f"Erased: the account is now {erasure.account.get_username()}.")

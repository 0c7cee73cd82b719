from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from courses.models import CourseIndexPage
from home.models import HomePage
from lms.demo.accounts import ensure_demo_accounts
from lms.demo.activity import load_cohort, load_quiz_activity
from lms.demo.assessment_content import load_questions, load_quizzes
from lms.demo.assignment_content import load_assignment_activity, load_assignments
from lms.demo.course_content import load_competences, load_course
from lms.demo.followup_content import load_follow_up
from lms.demo.handover_content import load_facilitator_notes
from lms.demo.knowledge_content import load_funding_sources, load_glossary
from lms.demo.plan_content import load_minutes, load_plan
from lms.demo.practice_content import load_actors, load_workbooks, load_worksheet_templates
from lms.demo.questionnaire_content import load_needs_responses, load_questionnaire


class Command(BaseCommand):
    help = (
        "Load the starter course, the competence framework and the demo cohort with its accounts "
        "and activity, from lms/demo/data. Idempotent. Refused in production unless asked."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Also create the demo accounts when DEBUG is off.",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("Demo data is only loaded with DEBUG on, or with --allow-production.")
        call_command("setup_site", verbosity=0)
        accounts = ensure_demo_accounts()
        competences = load_competences()
        funding_sources = load_funding_sources()  # before the course: lessons link to its entries
        course, modules = load_course(CourseIndexPage.objects.get(), competences)
        questions = load_questions(competences)
        quizzes = load_quizzes(modules, questions)
        cohort = load_cohort(course)
        load_quiz_activity(cohort, quizzes)
        # After the lessons and quizzes: completions recorded before stay records (new steps show as new).
        actors = load_actors()
        templates = load_worksheet_templates()
        by_slug = {template.slug: template for template in templates}
        assignments = load_assignments(modules, competences, templates=by_slug)
        load_assignment_activity(cohort, assignments)
        needs = load_questionnaire(HomePage.objects.get(), competences, cohort)
        load_needs_responses(needs, cohort)
        load_minutes(needs, competences)
        plan = load_plan(HomePage.objects.get(), competences, modules, quizzes, cohort)
        load_workbooks(cohort, templates)
        glossary = load_glossary()
        notes = load_facilitator_notes(plan)
        load_follow_up(plan)
        self.stdout.write(
            f"{len(accounts)} accounts, {len(competences)} competences, {len(questions)} questions, "
            f"{len(quizzes)} quizzes, {len(actors)} register entries, {len(templates)} worksheet templates, "
            f"{len(assignments)} assignments, "
            f"{len(funding_sources)} funding sources, {len(glossary)} glossary terms, "
            f"{len(notes)} facilitator notes, "
            f"course “{course.title}”, "
            f"cohort “{cohort.name}” ready."
        )

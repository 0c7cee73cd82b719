"""The benchmark's courses, built on top of the demo (`manage.py load_demo`).

Each course is a tree of modules, lessons and quizzes added through Wagtail's tree API
(`add_child`), since multi-table page models cannot be bulk-created. Lesson bodies and quiz questions
are the demo's, so pages render real content; each quiz's questions are drawn with a fixed seed.
"""

import json
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import translation

from assessments.models import AssignmentPage, Question, QuizPage, QuizSlot, RubricCriterion
from assessments.models.quiz import QuizPurpose
from courses.models import Competence, CourseIndexPage, CoursePage, LessonPage, ModulePage
from home.languages import language_codes, localized

if TYPE_CHECKING:
    from .dataset import Scale

SEED = 20261129


@dataclass(frozen=True)
class LessonContent:
    fields: dict


def demo_lessons() -> list[LessonContent]:
    """Titles, summaries and bodies of the demo's lessons, in both languages."""
    names = [f"{name}_{lang}" for name in ("title", "summary") for lang in ("fr", "ar")]
    contents = []
    for lesson in LessonPage.objects.order_by("path"):
        fields = {name: getattr(lesson, name) for name in names}
        for lang in ("fr", "ar"):
            fields[f"body_{lang}"] = json.dumps(list(getattr(lesson, f"body_{lang}").raw_data))
        contents.append(LessonContent(fields))
    if not contents:
        raise SystemExit("The demo has no lesson: run `manage.py load_demo` first.")
    return contents


@dataclass(frozen=True)
class AssignmentContent:
    fields: dict
    criteria: list[dict]


def demo_assignment() -> AssignmentContent:
    """Title, instructions and rubric (criteria with their levels and points) of the demo's first
    assignment with a rubric, in every language."""
    assignment = (
        AssignmentPage.objects.filter(comments_only=False, criteria__isnull=False).order_by("path").first()
    )
    if assignment is None:
        raise SystemExit("The demo has no assignment with a rubric: run `manage.py load_demo` first.")
    codes = language_codes()
    fields = {
        localized(name, code): getattr(assignment, localized(name, code))
        for name in ("title", "instructions")
        for code in codes
    }
    names = ["title", *(f"level_{n}" for n in range(1, 5))]
    criteria = [
        {
            **{
                localized(name, code): getattr(criterion, localized(name, code))
                for name in names
                for code in codes
            },
            **{f"points_{n}": getattr(criterion, f"points_{n}") for n in range(1, 5)},
            "title": criterion.title,
        }
        for criterion in assignment.criteria.order_by("sort_order")
    ]
    return AssignmentContent(fields, criteria)


def add_assignment(module, module_number: int, content: AssignmentContent, competences) -> AssignmentPage:
    """The module's assignment step: the demo's brief and rubric, handed in as text, under a title
    of its own (so that the trainer's queue tells one module's work from another's)."""
    assignment = AssignmentPage(**content.fields, max_revisions=3)
    assignment.title_fr = f"Travail du module {module_number} : plaidoyer auprès d'un partenaire"
    assignment.title_ar = f"عمل الوحدة {module_number}: المناصرة لدى شريك"
    assignment.slug_fr = f"devoir-{module_number}"
    assignment.slug_ar = f"wajib-{module_number}"
    add_page(module, assignment)
    assignment.competences.set(competences[:2])
    RubricCriterion.objects.bulk_create(
        RubricCriterion(assignment=assignment, sort_order=order, **row)
        for order, row in enumerate(content.criteria)
    )
    return assignment


def add_page(parent, page):
    with translation.override("fr"):
        page.title = page.title_fr
        page.slug = page.slug_fr
        page.live = True
        parent.add_child(instance=page)
    return page


def _quiz_purpose(module_index: int, modules: int) -> str:
    if module_index == 0:
        return QuizPurpose.PRE_TEST
    if module_index == modules - 1:
        return QuizPurpose.POST_TEST
    return QuizPurpose.GRADED


def build_course(
    catalogue: CourseIndexPage,
    number: int,
    scale: "Scale",
    lessons: list[LessonContent],
    questions: list[Question],
    competences: list[Competence],
    assignment: AssignmentContent,
) -> tuple[CoursePage, list]:
    """One course of `scale.modules` × `scale.steps_per_module` steps; returns it and its steps.

    Each module: lessons, then an assignment (in place of the last lesson, so that the lessons
    measured and the matrix's width are those of earlier runs), then a quiz.
    """
    course = add_page(
        catalogue,
        CoursePage(
            title_fr=f"Parcours {number:02d} : plaidoyer et financements européens",
            title_ar=f"المسار {number:02d}: المناصرة والتمويلات الأوروبية",
            slug_fr=f"parcours-{number:02d}",
            slug_ar=f"masar-{number:02d}",
            summary_fr="Un parcours complet, du cadre politique à la proposition de financement.",
            summary_ar="مسار كامل، من الإطار السياسي إلى مقترح التمويل.",
            duration_hours=30,
        ),
    )
    course.competences.set(competences[:6])
    steps = []
    pre_test = None
    rng = random.Random(SEED + number)
    for module_index in range(scale.modules):
        module = add_page(
            course,
            ModulePage(
                title_fr=f"Module {module_index + 1}",
                title_ar=f"الوحدة {module_index + 1}",
                slug_fr=f"module-{module_index + 1}",
                slug_ar=f"wahda-{module_index + 1}",
            ),
        )
        for step_index in range(scale.steps_per_module - 2):
            content = lessons[(module_index * scale.steps_per_module + step_index) % len(lessons)]
            lesson = LessonPage(**content.fields)
            lesson.slug_fr = f"lecon-{module_index + 1}-{step_index + 1}"
            lesson.slug_ar = f"dars-{module_index + 1}-{step_index + 1}"
            steps.append(add_page(module, lesson))
        steps.append(add_assignment(module, module_index + 1, assignment, competences))
        purpose = _quiz_purpose(module_index, scale.modules)
        quiz = add_page(
            module,
            QuizPage(
                title_fr=f"Quiz du module {module_index + 1}",
                title_ar=f"اختبار الوحدة {module_index + 1}",
                slug_fr=f"quiz-{module_index + 1}",
                slug_ar=f"ikhtibar-{module_index + 1}",
                purpose=purpose,
                max_attempts=3 if purpose == QuizPurpose.GRADED else 0,
                paired_pre_test=pre_test if purpose == QuizPurpose.POST_TEST else None,
            ),
        )
        if purpose == QuizPurpose.PRE_TEST:
            pre_test = quiz
        chosen = rng.sample(questions, scale.questions_per_quiz)
        QuizSlot.objects.bulk_create(
            QuizSlot(quiz=quiz, question=question, sort_order=order) for order, question in enumerate(chosen)
        )
        steps.append(quiz)
    return course, steps

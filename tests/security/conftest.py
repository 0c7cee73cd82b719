"""The world the XSS tests read, built once per test module, inside a transaction rolled back at
its end: every field a person can write (names, free-text answers, attendance notes, minutes,
course, module, lesson and quiz texts, questions, choices, feedback, accepted answers, cohort, plan
and workshop texts) holds a payload of the corpus (`xss_corpus.py`). Each test reads pages of it;
what a request writes (a visit, a certificate) is rolled back after the test.
"""

import json
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone, translation

from assessments.attempts import Answer, save_answers, start_attempt, submit_attempt
from assessments.models import MeetingMinutes
from assessments.models.questionnaires import ItemKind
from assessments.models.questions import STEM_FEATURES
from assessments.questionnaires import ItemValue, submit_response
from assessments.scoring import QuestionKind
from courses.blocks import LessonBodyBlock
from courses.models import Cohort, Competence, LessonPage
from courses.models.pages import RICH_TEXT_FEATURES
from home.roles import Role, ensure_groups, remove_unused_wagtail_groups
from home.site_tree import ensure_home_page
from lms.models.plans import NARRATIVE_FEATURES
from lms.training.plans import AttendanceEntry, record_attendance
from tests.factories.assessments import make_question, make_quiz
from tests.factories.courses import add_module, make_course
from tests.factories.plans import make_plan
from tests.factories.questionnaires import make_questionnaire
from tests.security.xss_corpus import ARABIC, PAYLOADS, lesson_body, payload, rich_fields, translated_fields


def _person(username: str, role: Role, **names):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="correct-horse-battery", **names
    )
    user.groups.add(Group.objects.get(name=role.value))
    return user


def _save(obj, **fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save()
    return obj


def build_world() -> SimpleNamespace:
    ensure_home_page()
    ensure_groups()
    remove_unused_wagtail_groups()
    trainer = _person("trainer", Role.TRAINER, first_name="Karim", last_name="Belhadj")
    task_force = _person("taskforce", Role.TASK_FORCE)
    trainees = [
        _person(f"xss{index:02d}", Role.TRAINEE, first_name=payload(index), last_name=payload(index + 5))
        for index in range(len(PAYLOADS))
    ]
    me = trainees[0]

    # Trainer-written course, module, lesson (every kind of text block) and quiz.
    with translation.override("fr"):
        course = make_course(modules=0, lessons=0)
        _save(course, **translated_fields("title", "Cours", 1), **translated_fields("summary", "Résumé", 2))
        _save(course, **rich_fields("objectives", RICH_TEXT_FEATURES, "Objectifs", 3))
        _save(course, **translated_fields("audience", "Public", 4))
        module = add_module(course)
        _save(module, **translated_fields("title", "Module", 5))
        _save(module, **rich_fields("introduction", RICH_TEXT_FEATURES, "Introduction", 6))
        lesson = LessonPage(
            title="Leçon",
            slug="lecon",
            slug_fr="lecon",
            slug_ar="dars",
            live=True,
            **translated_fields("title", "Leçon", 7),
        )
        lesson.summary_fr = f"Plaidoyer {payload(8)}"
        lesson.summary_ar = f"المناصرة {payload(8 + ARABIC)}"
        lesson.body_fr = json.dumps(lesson_body("fr"))
        lesson.body_ar = json.dumps(lesson_body("ar"))
        module.add_child(instance=lesson)
        LessonBodyBlock().clean(lesson.body_fr)  # as the editor's form validates it

    single = make_question(QuestionKind.SINGLE, correct=(0,), choices=3)
    _save(single, **rich_fields("stem", STEM_FEATURES, "Énoncé", 12))
    _save(single, **rich_fields("general_feedback", STEM_FEATURES, "Explication", 13))
    for index, choice in enumerate(single.choices.order_by("sort_order")):
        _save(choice, **translated_fields("text", f"Choix{index}", 14 + index))
        _save(choice, **translated_fields("feedback", f"Retour{index}", 17 + index))
    short = make_question(QuestionKind.SHORT)
    _save(short, **rich_fields("stem", STEM_FEATURES, "Question courte", 20))
    for index, accepted in enumerate(short.accepted_answers.all()):
        _save(accepted, text=f"Accepté{index} {payload(21 + index)}")
    quiz = make_quiz(module, questions=[single, short])
    _save(
        quiz,
        **translated_fields("title", "Quiz", 9),
        **rich_fields("introduction", RICH_TEXT_FEATURES, "Consigne", 10),
    )

    # Every trainee answers the quiz (a wrong choice and a typed answer); `me` keeps a second open.
    wrong = single.choices.order_by("sort_order")[1]
    cohort = Cohort.objects.create(name=f"Cohorte {payload(3)}")
    cohort.courses.add(course)
    cohort.trainees.set(trainees)
    for index, trainee in enumerate(trainees):
        attempt = start_attempt(user=trainee, quiz=quiz, language="fr")
        submit_attempt(
            attempt=attempt,
            answers={1: Answer(choices=frozenset({wrong.pk})), 2: Answer(text=payload(index + 2))},
        )
    open_attempt = start_attempt(user=me, quiz=quiz, language="fr")
    save_answers(attempt=open_attempt, answers={2: Answer(text=payload(4))})

    # The needs assessment: free text from each trainee, trainer-written labels and competences.
    questionnaire = make_questionnaire()
    for index, competence in enumerate(Competence.objects.order_by("sort_order")):
        _save(competence, **translated_fields("name", f"Compétence{index}", 11 + index))
    text_item = questionnaire.items.get(kind=ItemKind.FREE_TEXT)
    _save(text_item, **translated_fields("label", "Commentaires", 15))
    for index, trainee in enumerate(trainees):
        submit_response(
            user=trainee, questionnaire=questionnaire, values={text_item.pk: ItemValue(text=payload(index))}
        )
    MeetingMinutes.objects.create(
        questionnaire=questionnaire,
        meeting_date="2026-11-20",
        place=payload(1),
        participants="\n".join(PAYLOADS),
        summary_fr=" ".join(PAYLOADS),
        summary_ar=" ".join(PAYLOADS),
        decisions_fr=payload(0),
    )

    # The training plan and its workshop: attendance notes, satisfaction, gain, report texts.
    plan = make_plan(
        cohort=cohort,
        **rich_fields("report_context", NARRATIVE_FEATURES, "Contexte", 16),
        **rich_fields("report_observations", NARRATIVE_FEATURES, "Observations", 17),
        **rich_fields("report_recommendations", NARRATIVE_FEATURES, "Recommandations", 18),
    )
    _save(plan, **translated_fields("title", "Plan", 19))
    workshop = plan.workshops.get()
    _save(
        workshop,
        **translated_fields("title", "Atelier", 0),
        **translated_fields("place", "Lieu", 1),
        facilitators=f"Animateurs {payload(2)}",
        satisfaction_survey=questionnaire,
        pre_test=quiz,
        post_test=quiz,
        starts_at=timezone.now() - timedelta(days=1),
    )
    record_attendance(
        workshop=workshop,
        entries=[AttendanceEntry(t.pk, "present", f"Note {payload(i + 3)}") for i, t in enumerate(trainees)],
    )
    return SimpleNamespace(
        trainer=trainer,
        task_force=task_force,
        trainees=trainees,
        me=me,
        course=course,
        module=module,
        lesson=lesson,
        single=single,
        wrong=wrong,
        short=short,
        quiz=quiz,
        open_attempt=open_attempt,
        cohort=cohort,
        questionnaire=questionnaire,
        text_item=text_item,
        plan=plan,
        workshop=workshop,
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)

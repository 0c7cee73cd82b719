"""Worlds for the practice tests (issue 20): the workbook and the actor register."""

from home.roles import Role
from lms.demo.practice_content import load_actors, load_worksheet_templates
from tests.factories.courses import add_lesson, enrol, make_course

QUESTION = "Quelles étapes avant d'écrire ?"


def case_study(question=QUESTION, asks=True):
    return (
        "case_study",
        {
            "title": "Étude de cas",
            "context": "<p>Contexte</p>",
            "question": question,
            "asks_for_answer": asks,
        },
    )


def make_practice_world(make_user) -> dict:
    """Amira and Sonia, trainees of one cohort on a course whose lesson has two case studies (one
    asking for an answer), the starter actor register and the worksheet templates."""
    trainee = make_user(Role.TRAINEE, username="amira", first_name="Amira", last_name="Ben Ali")
    other = make_user(Role.TRAINEE, username="sonia")
    course = make_course(modules=1, lessons=0)
    module = course.get_children().first().specific
    lesson = add_lesson(
        module, body=[("paragraph", "<p>Texte</p>"), case_study(), case_study("Sans réponse", asks=False)]
    )
    cohort = enrol(trainee, course)
    enrol(other, course, cohort=cohort)
    load_actors()
    templates = {t.slug: t for t in load_worksheet_templates()}
    return {"trainee": trainee, "other": other, "lesson": lesson, "templates": templates}

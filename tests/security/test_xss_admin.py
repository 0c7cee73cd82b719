"""What trainees, trainers and the task force typed comes back escaped in the review area (needs
assessment, minutes, training reports) and the trainer's admin pages."""

import re

import pytest

from assessments.minutes import adopt_minutes
from assessments.models import MeetingMinutes
from courses.models import Competence
from tests.paths import path_to
from tests.security.xss_corpus import (
    PAYLOADS,
    assert_escaped,
    full_names,
    html_of,
    input_values,
    payload,
    report_urls,
    texts,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.xdist_group("test_xss_admin"),
]  # one worker builds the module's world once


# Review area: needs assessment and minutes ------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_review_pages_escape_what_people_typed(client, world, language):
    client.force_login(world.task_force)
    base = path_to("lms:review:results", language=language, questionnaire_id=world.questionnaire.pk)
    competences = [getattr(c, f"name_{language}") for c in Competence.objects.all()]
    label = getattr(world.text_item, f"label_{language}")
    assert_escaped(html_of(client, base), *full_names(world.trainees), *PAYLOADS, *competences, label)
    assert_escaped(html_of(client, base + "minutes/"), *PAYLOADS, *competences)
    # Adopted minutes render from their snapshot: escaped just the same.
    adopt_minutes(minutes=MeetingMinutes.objects.get(questionnaire=world.questionnaire), user=world.trainer)
    assert_escaped(html_of(client, base + "minutes/"), *PAYLOADS, *competences)
    assert_escaped(html_of(client, base + "minutes/versions/1/"), *PAYLOADS, *competences)
    client.force_login(world.trainer)  # the trainer drafts the minutes: a correction starts from v1
    assert client.post(base + "minutes/correct/").status_code == 302
    assert_escaped(html_of(client, base + "minutes/edit/"), *PAYLOADS)


# The trainer's admin: progress matrix, quiz results, trainees' data, attendance ------------------


ADMIN_PAGES = {
    "cohorts": lambda w: (path_to("courses_progress_cohorts"), [w.cohort.name]),
    "progress matrix": lambda w: (
        path_to("courses_progress", cohort_id=w.cohort.pk),
        [w.cohort.name, *full_names(w.trainees), w.lesson.title_fr, w.quiz.title_fr],
    ),
    "quizzes": lambda w: (path_to("assessments_quiz_list"), [w.quiz.title_fr]),
    "quiz results": lambda w: (
        path_to("assessments_quiz_results", quiz_id=w.quiz.pk),
        [
            w.quiz.title_fr,
            *full_names(w.trainees),
            texts("Énoncé", 12)["fr"],
            texts("Question courte", 20)["fr"],
        ],
    ),
    "trainees' personal data": lambda w: (path_to("lms_trainees"), [w.cohort.name, *full_names(w.trainees)]),
    "workshops": lambda w: (path_to("lms_attendance"), [w.workshop.title_fr]),
    "attendance sheet": lambda w: (
        path_to("lms_attendance_sheet", workshop_id=w.workshop.pk),
        [w.workshop.title_fr, w.workshop.place_fr, *full_names(w.trainees)],
    ),
}


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_trainer_admin_pages_escape_names_and_titles(client, world, page):
    url, shown = ADMIN_PAGES[page](world)
    client.force_login(world.trainer)
    content = html_of(client, url)
    assert_escaped(content, *shown)
    if page == "attendance sheet":  # the notes come back in the inputs, as typed
        notes = {f"Note {payload(index + 3)}" for index in range(len(world.trainees))}
        assert set(input_values(content, re.compile(r"^t\d+-note$"))) == notes


# Training reports --------------------------------------------------------------------------------


def workshop_texts(world, language: str) -> list[str]:
    workshop = world.workshop
    return [
        getattr(workshop, f"title_{language}"),
        getattr(workshop, f"place_{language}"),
        workshop.facilitators,
        *full_names(world.trainees),  # attendance and knowledge gain
        *(f"Note {payload(index + 3)}" for index in range(len(world.trainees))),
        *PAYLOADS,  # the satisfaction survey's free texts
        getattr(world.text_item, f"label_{language}"),
    ]


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("report", ["plan", "workshop"])
def test_training_reports_escape_what_trainers_and_trainees_wrote(client, world, report, language):
    client.force_login(world.task_force)
    shown = workshop_texts(world, language)
    if report == "plan":
        shown += [getattr(world.plan, f"title_{language}")]
        shown += [
            texts(label, index)[language]
            for label, index in [("Contexte", 16), ("Observations", 17), ("Recommandations", 18)]
        ]
    assert_escaped(html_of(client, f"/{language}/{report_urls(world)[report]}/"), *shown)

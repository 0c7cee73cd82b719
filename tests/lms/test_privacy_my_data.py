import json

import pytest

from assessments.questionnaires import ItemValue, submit_response
from courses.progress import mark_step_complete
from home.roles import Role
from tests.conftest import translated
from tests.factories.courses import enrol, lessons_of, make_course
from tests.factories.questionnaires import make_questionnaire
from tests.paths import path_to

pytestmark = pytest.mark.django_db


def test_trainee_downloads_their_own_data_and_nobody_elses(client, site_tree, trainee, make_user):
    course = make_course(modules=1, lessons=1)
    enrol(trainee, course)
    mark_step_complete(user=trainee, page=lessons_of(course)[0])
    named = make_questionnaire()
    submit_response(
        user=trainee,
        questionnaire=named,
        values={named.items.get(kind="text").pk: ItemValue(text="Mon avis")},
    )
    anonymous = make_questionnaire(anonymity="anonymous")
    submit_response(
        user=trainee,
        questionnaire=anonymous,
        values={anonymous.items.get(kind="text").pk: ItemValue(text="Secret")},
    )
    other = make_user(Role.TRAINEE, first_name="Walid")
    submit_response(
        user=other,
        questionnaire=named,
        values={named.items.get(kind="text").pk: ItemValue(text="Avis de Walid")},
    )

    client.force_login(trainee)
    page = client.get(path_to("lms:my_data"))
    assert page.status_code == 200 and "Amira" in page.content.decode()
    download = client.get(path_to("lms:my_data"), {"format": "json"})
    assert download["Content-Disposition"].startswith("attachment")
    data = json.loads(download.content)
    assert data["account"]["username"] == "trainee_a"
    assert data["progress"][0]["completed"]
    texts = [a["text"] for r in data["questionnaire_responses"] for a in r["answers"]]
    assert texts == ["Mon avis"]  # not Walid's, and not the anonymous answer, which is tied to nobody
    assert [q["questionnaire"] for q in data["anonymous_questionnaires_answered"]] == [anonymous.title]
    assert "Avis de Walid" not in download.content.decode() and "Secret" not in download.content.decode()


def test_my_data_page_names_the_attendance_status_and_has_a_plain_title(client, site_tree, trainee):
    from courses.models import Cohort
    from lms.training.plans import AttendanceEntry, record_attendance
    from tests.factories.plans import make_plan

    cohort = Cohort.objects.create(name="C")
    cohort.trainees.add(trainee)
    workshop = make_plan(cohort=cohort).workshops.get()
    record_attendance(workshop=workshop, entries=[AttendanceEntry(trainee.pk, "late", "")])
    client.force_login(trainee)
    page = client.get(path_to("lms:my_data")).content.decode()
    assert f"<bdi>Atelier 1</bdi> — {translated('Late')}" in page
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title


@pytest.mark.parametrize(("content", "points_shown"), [("score", False), ("full", True)])
def test_my_data_gives_points_per_question_only_where_the_review_shows_them(
    client, site_tree, trainee, content, points_shown
):
    """A quiz whose review shows the score only must not give away, in the JSON download, which
    question was right: that is what the review policy keeps back."""
    from assessments.attempts import start_attempt, submit_attempt
    from tests.factories.assessments import make_quiz

    course = make_course(modules=1, lessons=1)
    enrol(trainee, course)
    module = course.get_children().first().specific
    quiz = make_quiz(module, review_content=content, review_timing="immediately")
    submit_attempt(attempt=start_attempt(user=trainee, quiz=quiz))

    client.force_login(trainee)
    data = json.loads(client.get(path_to("lms:my_data"), {"format": "json"}).content)
    (attempt,) = data["quiz_attempts"]
    assert attempt["score"] is not None  # the score is always the trainee's to see
    assert [answer["points"] is not None for answer in attempt["answers"]] == [points_shown]

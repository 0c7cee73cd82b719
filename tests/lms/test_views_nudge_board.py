"""The trainer's "who needs a nudge" board on the admin dashboard (issue 19): behind schedule,
needs assessment unanswered, unfinished attempts, workshops this week, plans sent back; each line
links to where the trainer acts; the same number of queries whatever the number of trainees."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import TaskState
from wagtail.users.models import UserProfile

from assessments.attempts import start_attempt
from assessments.models.questionnaires import Participation
from courses.progress import mark_step_complete
from home.roles import Role
from lms.training.plans import ensure_approval_workflow
from tests.conftest import translated
from tests.factories.assessments import make_quiz
from tests.factories.courses import enrol, lessons_of, make_course
from tests.factories.plans import make_plan, submit
from tests.factories.questionnaires import make_questionnaire
from tests.paths import path_to

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "ar"]


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def admin_in(user, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.fixture
def cycle(site_tree, make_user):
    """A cohort halfway through its calendar: one trainee on schedule, the others not started."""
    today = timezone.localdate()
    course = make_course(lessons=4)
    ahead = make_user(Role.TRAINEE, username="ahead", first_name="Amira", last_name="Ben Ali")
    cohort = enrol(ahead, course)
    cohort.start_date, cohort.end_date = today - timedelta(days=30), today + timedelta(days=30)
    cohort.name = "Cohorte pilote"
    cohort.save()
    for lesson in lessons_of(course):
        mark_step_complete(user=ahead, page=lesson)
    quiz = make_quiz(course.get_children().first().specific)
    questionnaire = make_questionnaire(purpose="needs")
    Participation.objects.create(questionnaire=questionnaire, user=ahead)
    week_workshop = make_plan(cohort=cohort, starts=[timezone.now(), timezone.now() + timedelta(days=40)])
    return {
        "course": course,
        "cohort": cohort,
        "quiz": quiz,
        "questionnaire": questionnaire,
        "plan": week_workshop,
    }


def add_late_trainees(make_user, cycle, number: int, start: int = 0) -> list:
    trainees = []
    for n in range(start, start + number):
        trainee = make_user(Role.TRAINEE, username=f"late{n}", first_name="Sonia", last_name=f"Mejri {n}")
        cycle["cohort"].trainees.add(trainee)
        start_attempt(user=trainee, quiz=cycle["quiz"])
        trainees.append(trainee)
    return trainees


def board(client):
    return soup(client.get(path_to("wagtailadmin_home"))).select_one("#nudge-board-section")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_board_lists_who_needs_a_nudge_with_where_to_act(client, cycle, make_user, trainer, language):
    late = add_late_trainees(make_user, cycle, 2)
    admin_in(trainer, language)
    client.force_login(trainer)
    panel = board(client)
    assert translated("Who needs a nudge", language) in str(panel)

    behind = panel.select_one("#nudge-behind")
    assert translated("Behind schedule", language) in str(behind)
    names = [a.get_text() for a in behind.select("li > a")]
    assert names == ["Sonia Mejri 0", "Sonia Mejri 1"]  # not Amira, who is on schedule
    assert {a["href"] for a in behind.select("li > a")} == {
        path_to("courses_progress", cohort_id=cycle["cohort"].pk)
    }

    needs = panel.select_one("#nudge-needs")
    assert [a.get_text() for a in needs.select("li > a")] == ["Sonia Mejri 0", "Sonia Mejri 1"]
    assert [a["href"] for a in needs.select("li > a")] == [f"mailto:{trainee.email}" for trainee in late]
    # and one "remind those who have not answered" per questionnaire (lms/notifications)
    remind = [a["href"] for a in needs.select("p > a")]
    assert remind == [path_to("lms_notification_remind", questionnaire_id=cycle["questionnaire"].pk)]
    title = cycle["questionnaire"].title_ar if language == "ar" else cycle["questionnaire"].title_fr
    assert title in needs.get_text()

    attempts = panel.select_one("#nudge-attempts")
    assert [a["href"] for a in attempts.select("a")] == [
        path_to("assessments_quiz_results", quiz_id=cycle["quiz"].pk)
    ] * 2

    workshops = panel.select_one("#nudge-workshops")
    links = workshops.select("a")
    assert len(links) == 1  # the workshop in forty days is not this week
    workshop = cycle["plan"].workshops.order_by("starts_at").first()
    assert links[0]["href"] == path_to("lms_attendance_sheet", workshop_id=workshop.pk)
    assert links[0].get_text() == (workshop.title_ar if language == "ar" else workshop.title_fr)
    with translation.override(language):
        from django.utils import formats

        assert (
            formats.date_format(timezone.localtime(workshop.starts_at), "DATETIME_FORMAT")
            in workshops.get_text()
        )


def test_the_comment_of_a_plan_sent_back_reaches_the_trainer(client, site_tree, trainer, make_user):
    ensure_approval_workflow()
    approver = make_user(Role.OTE_APPROVER, username="approver", first_name="Mounira", last_name="Jaziri")
    plan = make_plan()
    submit(plan, trainer)
    state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    client.force_login(approver)
    client.post(
        path_to("lms:approval_request_changes", task_state_id=state.pk),
        {"comment": "Préciser le lieu de l'atelier 2."},
    )

    client.force_login(trainer)
    sent_back = board(client).select_one("#nudge-plans-sent-back")
    assert sent_back.select_one("q").get_text() == "Préciser le lieu de l'atelier 2."
    assert sent_back.select_one("a")["href"] == path_to("wagtailadmin_pages:edit", plan.pk)
    assert "Mounira Jaziri" in sent_back.get_text()

    plan.save_revision(user=trainer)
    plan.current_workflow_state.resume(user=trainer)  # resubmitted: no longer with the trainer
    assert board(client).select_one("#nudge-plans-sent-back") is None


def test_a_quiet_day_says_so(client, site_tree, trainer):
    client.force_login(trainer)
    message = translation.gettext("Nobody needs a nudge today: every trainee is on schedule.")
    assert message != "Nobody needs a nudge today: every trainee is on schedule."
    assert message in board(client).get_text()


@pytest.mark.parametrize("who", ["approver", "task_force"])
def test_only_trainers_see_the_board(client, site_tree, request, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert board(client) is None


def test_the_board_reads_the_same_number_of_queries_for_more_trainees(client, cycle, make_user, trainer):
    client.force_login(trainer)
    client.get(path_to("wagtailadmin_home"))  # warm caches (content types, the course outline)

    def queries_with(more: int, start: int) -> int:
        add_late_trainees(make_user, cycle, more, start)
        with CaptureQueriesContext(connection) as queries:
            panel = board(client)
        assert len(panel.select("#nudge-behind li")) == start + more
        return len(queries)

    assert queries_with(2, 0) == queries_with(6, 2)

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup

from courses.progress import mark_step_complete
from courses.todo import TodoItem, _providers, register_todo_provider
from tests.factories.courses import enrol, lessons_of, make_course
from tests.paths import path_to

pytestmark = pytest.mark.django_db


def test_dashboard_requires_login(client, site_tree):
    response = client.get(path_to("lms:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(path_to("login"))


def test_dashboard_shows_enrolled_courses_with_progress(client, site_tree, trainee):
    course = make_course(modules=1, lessons=4)
    make_course()  # not enrolled: not shown
    enrol(trainee, course)
    mark_step_complete(user=trainee, page=lessons_of(course)[0])
    client.force_login(trainee)
    page = BeautifulSoup(client.get(path_to("lms:dashboard")).content, "html.parser")
    cards = page.select(".dashboard-course")
    assert len(cards) == 1
    assert cards[0].find("progress")["value"] == "25"
    assert course.title in cards[0].get_text()


def test_dashboard_lists_contributed_todo_items(client, site_tree, trainee):
    def provider(*, user, progress):
        return [TodoItem(title="Remplir le questionnaire", url="/fr/x/", kind="survey")]

    register_todo_provider(provider)
    try:
        client.force_login(trainee)
        assert "Remplir le questionnaire" in client.get(path_to("lms:dashboard")).content.decode()
    finally:
        _providers.remove(provider)


@pytest.mark.parametrize(
    ("language", "due_line"),
    [("fr", "Avant le 13 décembre 2026"), ("ar", "قبل 13 ديسمبر 2026")],
)
def test_a_todo_item_says_the_day_it_is_due_in_the_readers_language(
    client, site_tree, trainee, language, due_line
):
    # 23:30 UTC on the 12th is 00:30 on the 13th in Tunis: the day is Tunis's.
    due = datetime(2026, 12, 12, 23, 30, tzinfo=UTC)

    def provider(*, user, progress):
        return [TodoItem(title="Remettre le travail", url="/fr/x/", kind="assignment", due=due)]

    register_todo_provider(provider)
    try:
        client.force_login(trainee)
        page = BeautifulSoup(client.get(path_to("lms:dashboard", language=language)).content, "html.parser")
        [item] = page.select("#todo-heading ~ ul li")
        assert item.a.get_text() == "Remettre le travail"
        assert item.span.get_text() == due_line
    finally:
        _providers.remove(provider)


@pytest.mark.parametrize("size", [1, 10])
def test_dashboard_query_count_is_independent_of_data_size(
    client, site_tree, trainee, size, django_assert_max_num_queries
):
    for _ in range(size // 5 + 1):
        course = make_course(modules=size, lessons=size)
        enrol(trainee, course)
        for lesson in lessons_of(course)[: size * 2]:
            mark_step_complete(user=trainee, page=lesson)
    client.force_login(trainee)
    client.get(path_to("lms:dashboard"))
    # the course outlines come from the cache; one query reads the progress rows (course cards and
    # recent activity), one the recorded course completions, one the cohort's next workshop with its plan,
    # one the assignments to hand in with the trainee's status on each (assessments.todo),
    # one the check-ins due (lms/followup/todo.py; a second for their answers once there are commitments)
    with django_assert_max_num_queries(12):
        assert client.get(path_to("lms:dashboard")).status_code == 200


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_recent_activity_and_next_step_link_to_the_steps_in_the_page_language(
    client, site_tree, trainee, language
):
    """The course card's next step and the recent activity (newest first, done or opened) come from
    the one read of the trainee's progress, with the steps' addresses in the page's language."""
    from django.utils import translation

    from tests.conftest import translated

    course = make_course(modules=1, lessons=3)
    enrol(trainee, course)
    first, second, third = lessons_of(course)
    client.force_login(trainee)
    with translation.override(language):
        urls = [lesson.get_url() for lesson in (first, second, third)]
        titles = [lesson.title for lesson in (first, second, third)]
    client.post(urls[0] + "complete/")
    client.get(urls[2])
    page = BeautifulSoup(client.get(path_to("lms:dashboard", language=language)).content, "html.parser")

    activity = page.select_one("#activity-heading").find_parent("section").select("li")
    assert [item.a["href"] for item in activity] == [urls[2], urls[0]]
    assert [item.a.get_text() for item in activity] == [titles[2], titles[0]]
    assert translated("Opened", language) in activity[0].get_text()
    assert translated("Completed", language) in activity[1].get_text()

    card = page.select_one(".dashboard-course")
    assert card.select_one("a.btn")["href"] == urls[2]  # where the trainee left off, not done yet
    assert card.select_one("a.fw-semibold").get_text() == titles[2]

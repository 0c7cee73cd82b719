import pytest
from bs4 import BeautifulSoup

from courses.progress import mark_step_complete
from courses.todo import TodoItem, _providers, register_todo_provider
from tests.factories.courses import enrol, lessons_of, make_course

pytestmark = pytest.mark.django_db


def test_dashboard_requires_login(client, site_tree):
    response = client.get("/fr/my/")
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/")


def test_dashboard_shows_enrolled_courses_with_progress(client, site_tree, trainee):
    course = make_course(modules=1, lessons=4)
    make_course()  # not enrolled: not shown
    enrol(trainee, course)
    mark_step_complete(user=trainee, page=lessons_of(course)[0])
    client.force_login(trainee)
    page = BeautifulSoup(client.get("/fr/my/").content, "html.parser")
    cards = page.select(".dashboard-course")
    assert len(cards) == 1
    assert cards[0].find("progress")["value"] == "25"
    assert course.title in cards[0].get_text()


def test_dashboard_lists_contributed_todo_items(client, site_tree, trainee):
    def provider(*, user):
        return [TodoItem(title="Remplir le questionnaire", url="/fr/x/", kind="survey")]

    register_todo_provider(provider)
    try:
        client.force_login(trainee)
        assert "Remplir le questionnaire" in client.get("/fr/my/").content.decode()
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
    client.get("/fr/my/")
    # the course outlines come from the cache; one query reads the recorded course completions,
    # one the cohort's next workshop with its plan
    with django_assert_max_num_queries(11):
        assert client.get("/fr/my/").status_code == 200

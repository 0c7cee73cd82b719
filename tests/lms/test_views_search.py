import pytest
from django.utils import translation

from home.roles import Role
from tests.factories.courses import add_lesson, enrol, make_course
from tests.paths import path_to

pytestmark = pytest.mark.django_db


def lesson_with(module, *, fr: str, ar: str, **fields):
    lesson = add_lesson(module, **fields)
    lesson.summary_fr, lesson.summary_ar = fr, ar
    lesson.save_revision().publish()
    return lesson


@pytest.fixture
def course(site_tree):
    course = make_course(modules=1, lessons=0)
    module = course.get_children().first().specific
    lesson_with(
        module,
        fr="La réinsertion durable des migrants de retour",
        ar="إعادة الإدماج المستدامة للمهاجرين العائدين",
        title_fr="Réinsertion durable",
        title_ar="إعادة الإدماج المستدام",
    )
    return course


def titles(response) -> list[str]:
    from bs4 import BeautifulSoup

    return [
        h.get_text(strip=True)
        for h in BeautifulSoup(response.content, "html.parser").select(".search-results h2")
    ]


@pytest.fixture
def enrolled_client(client, course, trainee):
    enrol(trainee, course)
    client.force_login(trainee)
    return client


@pytest.mark.parametrize("query", ["reinsertion", "RÉINSERTION", "réinsertion durable", "Reinsértion"])
def test_french_queries_ignore_case_and_accents(enrolled_client, query):
    assert titles(enrolled_client.get(path_to("lms:search"), {"q": query})) == ["Réinsertion durable"]


@pytest.mark.parametrize("query", ["إعادة الإدماج", "اعادة الادماج", "إِعَادَةُ الإِدْمَاجِ", "اعاده الادمـــاج"])
def test_arabic_queries_are_normalised_and_show_arabic_titles(enrolled_client, query):
    assert titles(enrolled_client.get(path_to("lms:search", language="ar"), {"q": query})) == [
        "إعادة الإدماج المستدام"
    ]


def test_languages_are_kept_apart(enrolled_client):
    assert titles(enrolled_client.get(path_to("lms:search", language="ar"), {"q": "réinsertion"})) == []
    assert titles(enrolled_client.get(path_to("lms:search"), {"q": "الإدماج"})) == []


def test_matches_are_highlighted_and_escaped(enrolled_client):
    html = enrolled_client.get(path_to("lms:search"), {"q": "durable"}).content.decode()
    assert "<mark>durable</mark>" in html


def test_lessons_of_other_courses_never_show_not_even_their_title(client, course, make_user):
    other_trainee = make_user(Role.TRAINEE)
    enrol(other_trainee, make_course())
    client.force_login(other_trainee)
    response = client.get(path_to("lms:search"), {"q": "réinsertion"})
    assert "Réinsertion durable" not in response.content.decode()
    client.logout()
    assert (
        "Réinsertion durable" not in client.get(path_to("lms:search"), {"q": "réinsertion"}).content.decode()
    )


def test_task_force_finds_every_lesson(client, course, task_force):
    client.force_login(task_force)
    assert titles(client.get(path_to("lms:search"), {"q": "réinsertion"})) == ["Réinsertion durable"]


@pytest.mark.parametrize(
    "query",
    ["", "   ", "!!!", "x" * 5000, "<script>alert(1)</script>", "\u202e‮reinsertion", "' OR 1=1 --", "%00"],
)
def test_odd_input_gets_a_clear_answer(client, course, query):
    response = client.get(path_to("lms:search"), {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="status"' in html and "<script>alert" not in html


@pytest.mark.parametrize("matching", [10, 100])
def test_query_count_does_not_grow_with_matches(
    client, site_tree, task_force, matching, django_assert_max_num_queries
):
    course = make_course(modules=1, lessons=0)
    module = course.get_children().first().specific
    for _ in range(matching):
        lesson_with(module, fr="Plaidoyer auprès des bailleurs", ar="المناصرة لدى الجهات المانحة")
    client.force_login(task_force)
    client.get(path_to("lms:search"), {"q": "plaidoyer"})
    with django_assert_max_num_queries(16):
        response = client.get(path_to("lms:search"), {"q": "plaidoyer"})
    assert len(titles(response)) == min(matching, 30)


def test_page_index_follows_publishing(client, course, task_force):
    client.force_login(task_force)
    module = course.get_children().first().specific
    with translation.override("fr"):
        lesson = lesson_with(
            module, fr="Cartographie des acteurs", ar="رسم خارطة الفاعلين", title_fr="Acteurs"
        )
    assert titles(client.get(path_to("lms:search"), {"q": "cartographie"})) == ["Acteurs"]
    lesson.unpublish()
    assert titles(client.get(path_to("lms:search"), {"q": "cartographie"})) == []

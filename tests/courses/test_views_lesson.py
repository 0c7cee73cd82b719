from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from courses.models import StepProgress
from home.roles import Role
from tests.conftest import translated
from tests.factories.courses import enrol, lessons_of, make_course
from tests.paths import page_path, path_to

pytestmark = pytest.mark.django_db

# Measured: 6. Session, user with their roles, the lesson with its branch's liveness and view
# restrictions (routed before: home.routing.RouteHint), the enrolment, progress rows, recorded course
# completion. The site, its settings, the menu, the step's course and the course outline come from
# the cache (home.site_cache); the site root's own row is not read (home.routing.serve); a reload
# writes no visit (courses.progress.open_step).
LESSON_PAGE_MAX_QUERIES = 6


@pytest.fixture
def course(site_tree):
    return make_course(modules=2, lessons=2)


def lesson_url(lesson, lang="fr"):
    from django.utils import translation

    with translation.override(lang):
        return lesson.get_url()


def test_catalogue_and_overview_are_public(client, course):
    assert client.get(page_path(course.get_parent())).status_code == 200
    response = client.get(course.get_url())
    assert response.status_code == 200
    assert "Module" in response.content.decode()


def test_anonymous_visitor_is_asked_to_log_in(client, course):
    url = lesson_url(lessons_of(course)[0])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{path_to('login')}?next=")


def test_trainee_not_enrolled_gets_a_clear_page(client, course, trainee):
    client.force_login(trainee)
    response = client.get(lesson_url(lessons_of(course)[0]))
    assert response.status_code == 403
    assert translated("This content is reserved for enrolled trainees") in response.content.decode()


def test_trainee_of_another_cohort_is_refused(client, course, trainee, make_user):
    other_course = make_course()
    enrol(trainee, other_course)
    client.force_login(trainee)
    assert client.get(lesson_url(lessons_of(course)[0])).status_code == 403


@pytest.mark.parametrize("role", [Role.TRAINER, Role.TASK_FORCE])
def test_trainers_and_task_force_read_every_lesson(client, course, make_user, role):
    client.force_login(make_user(role))
    assert client.get(lesson_url(lessons_of(course)[0])).status_code == 200


def test_enrolled_trainee_reads_the_lesson_in_arabic(client, course, trainee):
    enrol(trainee, course)
    client.force_login(trainee)
    response = client.get(lesson_url(lessons_of(course)[0], "ar"))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["dir"] == "rtl"
    assert "نص الدرس" in page.get_text()
    assert StepProgress.objects.filter(user=trainee).count() == 1


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_outline_gives_each_step_of_this_module_its_status_and_marks_this_one(
    client, course, trainee, language
):
    enrol(trainee, course)
    client.force_login(trainee)
    first, second, third, _fourth = lessons_of(course)
    client.post(lesson_url(first, language) + "complete/")
    client.get(lesson_url(third, language))
    page = BeautifulSoup(client.get(lesson_url(second, language)).content, "html.parser")
    items = page.select("aside .outline-steps li")
    symbols = [item.select_one('[role="img"]') for item in items]  # named in words for screen readers
    assert [symbol["aria-label"] for symbol in symbols] == [
        translated(status, language) for status in ["Completed", "In progress"]
    ]
    assert [symbol.get_text() for symbol in symbols] == ["✓", "◐"]
    titles = [translated_title(lesson, language) for lesson in (first, second)]
    assert [item.a.get_text() for item in items] == titles
    here = lesson_url(second, language)
    hrefs = [urljoin(here, item.a["href"]) for item in items]  # written from the page shown
    assert hrefs == [lesson_url(lesson, language) for lesson in (first, second)]
    assert [item.get("aria-current") for item in items] == [None, "step"]


def translated_title(page, language):
    from django.utils import translation

    with translation.override(language):
        return page.title


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_outline_shows_other_modules_as_one_line_with_a_link_and_their_progress(
    client, site_tree, trainee, language
):
    """Under a lesson of the second module, only its steps are listed; the first and third modules
    are one line each: the title, leading to where the trainee would carry on, and the steps done."""
    from django.utils import translation

    course = make_course(modules=3, lessons=3)
    enrol(trainee, course)
    client.force_login(trainee)
    lessons = lessons_of(course)
    client.post(lesson_url(lessons[0], language) + "complete/")
    current = lessons[4]
    page = BeautifulSoup(client.get(lesson_url(current, language)).content, "html.parser")
    outline = page.select_one("aside details.lesson-outline")
    modules = [module.specific for module in course.get_children().order_by("path")]

    expanded = outline.select(".outline-current")
    assert len(expanded) == 1
    assert expanded[0].h2.get_text() == translated_title(modules[1], language)
    here = lesson_url(current, language)
    assert [urljoin(here, a["href"]) for a in outline.select(".outline-steps a")] == [
        lesson_url(lesson, language) for lesson in lessons[3:6]
    ]

    lines = outline.select(".outline-modules > li:not(.outline-current)")
    titles = [translated_title(module, language) for module in (modules[0], modules[2])]
    assert [line.a.get_text() for line in lines] == titles
    # The first module carries on at its first unfinished lesson; the third starts at its first.
    targets = [lesson_url(lessons[1], language), lesson_url(lessons[6], language)]
    assert [urljoin(here, line.a["href"]) for line in lines] == targets
    with translation.override(language):
        expected = [
            translation.gettext("%(done)s of %(total)s steps completed") % {"done": done, "total": 3}
            for done in (1, 0)
        ]
    assert [line.select_one("a + span").get_text() for line in lines] == expected
    assert not any(line.select("li") for line in lines)
    assert len(outline.select("li a")) == 3 + 2  # not the whole course's nine steps


def test_mark_as_complete_goes_to_the_next_step(client, course, trainee):
    enrol(trainee, course)
    client.force_login(trainee)
    first, second, *_rest = lessons_of(course)
    response = client.post(lesson_url(first) + "complete/")
    assert response.status_code == 302
    assert response["Location"] == lesson_url(second)
    assert StepProgress.objects.get(user=trainee, page=first).completed_at is not None


def test_mark_as_complete_refuses_get(client, course, trainee):
    enrol(trainee, course)
    client.force_login(trainee)
    first = lessons_of(course)[0]
    assert client.get(lesson_url(first) + "complete/").status_code == 405
    assert not StepProgress.objects.filter(completed_at__isnull=False).exists()


def test_not_enrolled_trainee_cannot_complete(client, course, trainee):
    client.force_login(trainee)
    assert client.post(lesson_url(lessons_of(course)[0]) + "complete/").status_code == 403
    assert not StepProgress.objects.exists()


def test_completing_the_last_step_congratulates(client, course, trainee):
    enrol(trainee, course)
    client.force_login(trainee)
    for lesson in lessons_of(course):
        client.post(lesson_url(lesson) + "complete/")
    response = client.get(course.get_url())
    assert translated("Congratulations!") in response.content.decode()


def test_resume_button_leads_to_the_next_unfinished_step(client, course, trainee):
    enrol(trainee, course)
    client.force_login(trainee)
    first, second, *_rest = lessons_of(course)
    client.post(lesson_url(first) + "complete/")
    page = BeautifulSoup(client.get(course.get_url()).content, "html.parser")
    label = translated("Resume")
    resume = next(a for a in page.find_all("a") if label in a.get_text())
    assert resume["href"] == lesson_url(second)


def test_module_url_redirects_to_its_place_in_the_outline(client, course):
    module = course.get_children().first()
    response = client.get(module.url)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#module-{module.pk}")


def test_lesson_page_query_count_does_not_grow_with_the_course(
    client, site_tree, trainee, django_assert_max_num_queries
):
    small, large = make_course(modules=1, lessons=5), make_course(modules=5, lessons=10)
    enrol(trainee, small)
    enrol(trainee, large)
    client.force_login(trainee)
    for course in (small, large):
        for lesson in lessons_of(course)[:3]:
            client.post(lesson_url(lesson) + "complete/")
    for course in (small, large):
        url = lesson_url(lessons_of(course)[3])
        client.get(url)  # warm the caches (the site, the step's course)
        with django_assert_max_num_queries(LESSON_PAGE_MAX_QUERIES):
            assert client.get(url).status_code == 200


def test_in_a_completed_course_a_new_lesson_leads_to_the_next_new_one(client, trainee, course):
    from courses.progress import mark_step_complete
    from tests.factories.courses import add_lesson

    enrol(trainee, course)
    for lesson in lessons_of(course):
        mark_step_complete(user=trainee, page=lesson)
    module = course.get_children().first().specific
    first_new, second_new = add_lesson(module), add_lesson(module)
    client.force_login(trainee)
    response = client.post(lesson_url(first_new) + "complete/")
    assert response["Location"] == lesson_url(second_new)
    response = client.post(lesson_url(second_new) + "complete/", follow=True)
    assert translated("Congratulations!") in response.content.decode()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_steps_links_are_written_from_the_page_and_lead_where_they_say(client, course, trainee, language):
    """The outline, the breadcrumb, the step navigation and the next-step button write their links
    from the page shown ("../lecon-2/"): each one, resolved as a browser does, opens its step."""
    enrol(trainee, course)
    client.force_login(trainee)
    first, second, third, _fourth = lessons_of(course)
    here = lesson_url(second, language)
    page = BeautifulSoup(client.get(here).content, "html.parser")
    links = page.select("aside .outline-steps a, .step-breadcrumb a, .step-nav a, .lesson-actions a")
    assert len(links) >= 6 and all(not link["href"].startswith("/") for link in links)
    for link in links:
        assert client.get(urljoin(here, link["href"])).status_code == 200, link["href"]
    step_nav = {link["rel"][0]: urljoin(here, link["href"]) for link in page.select(".step-nav a")}
    assert step_nav == {"prev": lesson_url(first, language), "next": lesson_url(third, language)}


def test_a_previewed_lessons_links_stay_whole(client, course, make_user):
    """In Wagtail's preview the browser shows the admin's address while the page is rendered for
    its own: links written from the page would lead into the admin, so there they stay whole."""
    from django.test import RequestFactory

    first, second, *_rest = lessons_of(course)
    client.force_login(make_user(Role.TRAINER))
    editor = RequestFactory().get("/admin/", HTTP_COOKIE=f"sessionid={client.cookies['sessionid'].value}")
    response = second.make_preview_request(original_request=editor, preview_mode="")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    links = page.select(".step-breadcrumb a, .step-nav a, aside .outline-modules a")
    assert len(links) >= 3 and all(link["href"].startswith("/") for link in links)
    assert first.get_url() in [link["href"] for link in page.select(".step-nav a")]

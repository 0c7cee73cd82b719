"""Each role lands on its work: after signing in, on the home page and on "My learning path"."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation

from courses.progress import mark_step_complete, record_visit
from home.roles import Role
from tests.conftest import PASSWORD
from tests.factories.courses import enrol, lessons_of, make_course
from tests.factories.plans import make_plan
from tests.paths import home_path, path_to

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "ar"]


def gettext_in(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def log_in(client, language: str, username: str, **extra):
    """Through the log-in form, following every redirect, as a browser would."""
    return client.post(
        path_to("login", language=language),
        {"username": username, "password": PASSWORD, **extra},
        follow=True,
    )


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_trainee_lands_on_my_learning_path(client, site_tree, trainee, language):
    enrol(trainee, make_course())
    response = log_in(client, language, "trainee_a")
    assert response.request["PATH_INFO"] == path_to("lms:dashboard", language=language)
    assert soup(response).h1.get_text(strip=True) == gettext_in(language, "My learning path")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_task_force_lands_on_the_review_area_not_a_trainee_page(client, site_tree, task_force, language):
    response = log_in(client, language, "taskforce")
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == path_to("lms:review:index", language=language)
    not_enrolled = "You are not enrolled in any course yet. Your trainer will add you to a cohort."
    assert gettext_in(language, not_enrolled) not in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_approver_lands_on_what_awaits_their_approval(client, site_tree, trainer, approver, language):
    from lms.training.plans import ensure_approval_workflow

    ensure_approval_workflow()
    plan = make_plan()
    plan.save_revision(user=trainer)
    plan.get_workflow().start(plan, user=trainer)

    response = log_in(client, language, "approver")
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == path_to("lms:approvals", language=language)
    assert soup(response).h1.get_text(strip=True) == gettext_in(language, "Awaiting my approval")
    link = soup(response).select_one("ul.approvals a")
    assert link.get_text(strip=True) == getattr(plan, f"title_{language}")
    # one click to the plan, where Approve is the second
    screen = soup(client.get(link["href"]))
    assert screen.select_one(".decision-actions form[action$='/approve/'] button")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_trainer_lands_on_the_admin_dashboard(client, site_tree, trainer, language):
    response = log_in(client, language, "trainer")
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == path_to("wagtailadmin_home")


@pytest.mark.parametrize("username", ["taskforce", "approver", "trainee_a"])
def test_a_safe_next_still_wins(client, site_tree, trainee, task_force, approver, username):
    response = log_in(client, "fr", username, next=path_to("lms:search", query={"q": "budget"}))
    assert response.request["PATH_INFO"] == path_to("lms:search")


def test_an_unsafe_next_falls_back_to_the_landing(client, site_tree, task_force):
    response = log_in(client, "fr", "taskforce", next="https://evil.example.com/")
    assert response.request["PATH_INFO"] == path_to("lms:review:index")


@pytest.mark.parametrize(
    ("fixture", "language", "expected"),
    [
        ("task_force", "fr", path_to("lms:review:index")),
        ("task_force", "ar", path_to("lms:review:index", language="ar")),
        ("approver", "ar", path_to("lms:approvals", language="ar")),
        ("trainer", "fr", path_to("wagtailadmin_home")),
    ],
)
def test_my_learning_path_sends_staff_to_their_work(client, site_tree, request, fixture, language, expected):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get(path_to("lms:dashboard", language=language))
    assert response.status_code == 302 and response["Location"] == expected


def test_a_signed_in_person_opening_the_log_in_page_lands_on_their_work(client, site_tree, task_force):
    client.force_login(task_force)
    response = client.get(path_to("login", language="ar"))
    assert response.status_code == 302 and response["Location"] == path_to("lms:review:index", language="ar")


# The home page ---------------------------------------------------------------------------------


def landing_buttons(response) -> list[tuple[str, str]]:
    return [(a.get_text(" ", strip=True), a["href"]) for a in soup(response).select("a.landing-action")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_offers_a_trainee_to_resume_where_they_stopped(client, site_tree, trainee, language):
    course = make_course(modules=1, lessons=3)
    enrol(trainee, course)
    first, second, _third = lessons_of(course)
    mark_step_complete(user=trainee, page=first)
    record_visit(user=trainee, page=second)
    client.force_login(trainee)
    response = client.get(home_path(language))
    buttons = landing_buttons(response)
    resume = gettext_in(language, "Resume")
    assert resume != "Resume" or language == "en"
    assert buttons[0][0].startswith(resume)
    with translation.override(language):
        assert buttons[0][1] == second.get_url()
    assert (gettext_in(language, "My learning path"), path_to("lms:dashboard", language=language)) in buttons


def test_the_home_page_offers_a_new_trainee_their_learning_path(client, site_tree, trainee):
    enrol(trainee, make_course())
    client.force_login(trainee)
    buttons = landing_buttons(client.get(home_path()))
    assert [href for _label, href in buttons] == [path_to("lms:dashboard")]
    assert not buttons[0][0].startswith(gettext_in("fr", "Resume"))


@pytest.mark.parametrize(
    ("fixture", "href"),
    [
        ("task_force", path_to("lms:review:index", language="ar")),
        ("approver", path_to("lms:approvals", language="ar")),
        ("trainer", path_to("wagtailadmin_home")),
    ],
)
def test_the_home_page_offers_staff_their_work(client, site_tree, request, fixture, href):
    client.force_login(request.getfixturevalue(fixture))
    buttons = landing_buttons(client.get(home_path("ar")))
    assert [link for _label, link in buttons] == [href]


def test_anonymous_visitors_keep_the_public_home_page(client, site_tree):
    response = client.get(home_path())
    assert landing_buttons(response) == []
    assert gettext_in("fr", "Log in") in response.content.decode()


# The workshops ---------------------------------------------------------------------------------


@pytest.fixture
def cohort(trainee):
    return enrol(trainee, make_course())


def make_live_plan(cohort, **fields):
    now = timezone.now()
    plan = make_plan(
        cohort=cohort,
        live=True,
        workshops=2,
        starts=[now + timedelta(days=1), now + timedelta(days=2)],
        **fields,
    )
    first = plan.workshops.order_by("starts_at").first()
    first.place_fr, first.place_ar = "Maison de Tunisie, Paris", "دار تونس، باريس"
    first.agenda_fr, first.agenda_ar = "Accueil\nBudget du projet", "الاستقبال\nميزانية المشروع"
    first.save()
    return plan, first


@pytest.mark.parametrize(
    ("language", "place", "agenda"),
    [("fr", "Maison de Tunisie, Paris", "Budget du projet"), ("ar", "دار تونس، باريس", "ميزانية المشروع")],
)
def test_the_dashboard_shows_the_next_workshop_of_the_cohort(
    client, site_tree, trainee, cohort, language, place, agenda
):
    plan, workshop = make_live_plan(cohort)
    client.force_login(trainee)
    page = soup(client.get(path_to("lms:dashboard", language=language)))
    card = page.select_one(".dashboard-workshop")
    assert card is not None
    text = card.get_text(" ", strip=True)
    with translation.override(language):
        title = workshop.title_ar if language == "ar" else workshop.title_fr
        assert title in text and place in text and agenda in text
        plan_url = plan.get_url()
    assert page.select_one(f'#workshops a[href="{plan_url}"]') is not None
    assert page.select_one(f'a[href="/{language}/my/certificates/"]') is not None


def test_past_workshops_and_unapproved_plans_are_not_announced(client, site_tree, trainee, cohort):
    make_plan(cohort=cohort, live=False)  # not approved: not published
    _plan, workshop = make_live_plan(cohort)
    workshop.starts_at = timezone.now() - timedelta(days=1)
    workshop.save()
    other_cohort_plan = make_plan(live=True)  # another cohort's plan
    client.force_login(trainee)
    page = soup(client.get(path_to("lms:dashboard")))
    card = page.select_one(".dashboard-workshop")
    assert card is not None and "Atelier 2" in card.get_text()  # the coming one, not the past one
    assert other_cohort_plan.title not in page.get_text()


def test_a_trainee_without_a_plan_is_told_no_workshop_is_planned(client, site_tree, trainee, cohort):
    client.force_login(trainee)
    html = client.get(path_to("lms:dashboard", language="ar")).content.decode()
    expected = gettext_in("ar", "No upcoming workshop for your cohort.")
    assert expected != "No upcoming workshop for your cohort." and expected in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_trainee_reaches_the_plan_of_their_cohort_from_the_navigation(
    client, site_tree, trainee, cohort, language
):
    plan, _workshop = make_live_plan(cohort)
    client.force_login(trainee)
    nav = soup(client.get(path_to("lms:dashboard", language=language))).select_one("#site-nav")
    link = nav.find("a", string=gettext_in(language, "Workshops"))
    assert link is not None
    response = client.get(link["href"], follow=True)
    assert response.status_code == 200
    with translation.override(language):
        assert response.request["PATH_INFO"] == plan.get_url()
    assert "Atelier 1" in response.content.decode() or "ورشة 1" in response.content.decode()


def test_a_trainee_of_another_cohort_cannot_read_the_plan(client, site_tree, trainee, make_user, cohort):
    plan, _workshop = make_live_plan(cohort)
    outsider = make_user(Role.TRAINEE)
    enrol(outsider, make_course())
    client.force_login(outsider)
    assert client.get(plan.url).status_code == 403
    assert client.get(plan.url + "pdf/").status_code == 403


def test_staff_see_no_trainee_links_in_the_navigation(client, site_tree, task_force):
    client.force_login(task_force)
    nav = soup(client.get(path_to("lms:review:index"))).select_one("#site-nav")
    assert nav.find("a", href=path_to("lms:dashboard")) is None
    assert nav.find("a", href=path_to("lms:my_workshops")) is None


@pytest.mark.parametrize("size", [1, 6])
def test_the_home_page_for_a_trainee_reads_a_fixed_number_of_queries(
    client, site_tree, trainee, size, django_assert_max_num_queries
):
    for _ in range(size):
        course = make_course(modules=2, lessons=size)
        enrol(trainee, course)
        for lesson in lessons_of(course)[:size]:
            mark_step_complete(user=trainee, page=lesson)
    client.force_login(trainee)
    client.get(home_path())
    with django_assert_max_num_queries(12):
        assert client.get(home_path()).status_code == 200


@pytest.mark.parametrize("workshops", [1, 8])
def test_the_dashboard_reads_the_next_workshop_in_a_fixed_number_of_queries(
    client, site_tree, trainee, cohort, workshops, django_assert_max_num_queries
):
    for _ in range(workshops // 4 + 1):
        make_plan(
            cohort=cohort,
            live=True,
            workshops=workshops,
            starts=[timezone.now() + timedelta(days=day) for day in range(1, workshops + 1)],
        )
    client.force_login(trainee)
    client.get(path_to("lms:dashboard"))
    with django_assert_max_num_queries(12):
        response = client.get(path_to("lms:dashboard"))
    assert response.status_code == 200 and soup(response).select_one(".dashboard-workshop") is not None

import pytest
from django.utils import translation

from assessments.models import Attempt, Response
from assessments.scoring import QuestionKind
from courses.site_tree import ensure_course_index
from home.roles import Role, ensure_groups
from home.site_tree import ensure_home_page
from tests.conftest import PASSWORD
from tests.factories.assessments import make_question, make_quiz
from tests.factories.courses import enrol, make_course
from tests.factories.questionnaires import make_questionnaire

from .conftest import PHONE


def arabic(text: str) -> str:
    with translation.override("ar"):
        translated = translation.gettext(text)
    assert translated != text, f"{text!r} has no Arabic translation"
    return translated


def log_in(page, base_url, username, language="ar"):
    page.goto(f"{base_url}/{language}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base_url}/{language}/my/")


@pytest.fixture
def site(live_server, transactional_db):
    ensure_groups()
    ensure_course_index(ensure_home_page())
    return live_server.url


def test_trainee_takes_a_quiz_in_arabic_and_sees_the_review(site, make_user, new_page, screenshot):
    trainee = make_user(Role.TRAINEE, username="nour", first_name="Nour", last_name="Ayari")
    course = make_course(modules=1, lessons=1)
    enrol(trainee, course)
    module = course.get_children().first().specific
    quiz = make_quiz(
        module, questions=[make_question(QuestionKind.SINGLE), make_question(QuestionKind.SHORT)]
    )
    page = new_page(viewport=PHONE, locale="ar")
    log_in(page, site, "nour")
    with translation.override("ar"):
        page.goto(site + quiz.url)
    page.get_by_role("button", name=arabic("Start the quiz")).click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator("#q1-a").check()
    page.get_by_role("button", name=arabic("Save and finish later")).click()
    assert page.locator("#q1-a").is_checked()
    page.locator("#id_q2").fill("اعادة الادماج")  # no hamza: still accepted
    screenshot(page, "attempt")
    page.get_by_role("button", name=arabic("Submit my answers")).click()
    page.wait_for_url("**/review/")
    assert "100" in page.locator(".review-summary").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "review")
    assert Attempt.objects.get().score == 100


def test_trainee_fills_the_needs_assessment_in_arabic_and_task_force_reads_it(
    site, make_user, new_page, screenshot
):
    make_user(Role.TRAINEE, username="walid", first_name="Walid", last_name="Jendoubi")
    make_user(Role.TASK_FORCE, username="leila", first_name="Leila", last_name="Trabelsi")
    questionnaire = make_questionnaire()
    page = new_page(locale="ar")
    log_in(page, site, "walid")
    page.get_by_role("link", name=questionnaire.title_ar).click()
    first = questionnaire.items.filter(kind="competence").first()
    page.locator(f"input[name=i{first.pk}_level][value='2']").check()
    page.get_by_role("button", name=arabic("Save my draft")).click()
    assert Response.objects.get().status == "draft"
    page.goto(f"{site}/ar/my/")
    page.get_by_role("link", name=questionnaire.title_ar).click()
    assert page.locator(f"input[name=i{first.pk}_level][value='2']").is_checked()
    for item in questionnaire.items.all():
        if item.kind == "competence":
            page.locator(f"input[name=i{item.pk}_level][value='2']").check()
            page.locator(f"input[name=i{item.pk}_importance][value='5']").check()
        elif item.kind == "ranking":
            for rank, option in enumerate(["1", "2", "3"], start=1):
                select = page.locator(f"select[name=i{item.pk}_rank{rank}]")
                select.select_option(index=int(option))
        elif item.kind in {"single", "rating"} or item.kind == "availability":
            page.locator(f"input[name=i{item.pk}]").first.check()
    screenshot(page, "questionnaire")
    page.get_by_role("button", name=arabic("Submit my answers")).click()
    page.wait_for_url("**/thanks/")
    assert Response.objects.get().status == "submitted"

    reviewer = new_page(locale="fr")
    log_in(reviewer, site, "leila", language="fr")
    reviewer.goto(f"{site}/fr/review/questionnaires/{questionnaire.pk}/")
    assert first.competence.name_fr in reviewer.locator(".results-needs").inner_text()
    assert "Walid Jendoubi" in reviewer.locator(".results-heatmap").inner_text()
    screenshot(reviewer, "results")

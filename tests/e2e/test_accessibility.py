"""axe-core (bundled by axe-playwright-python, nothing downloaded) on the pages of the main
journeys, in French and Arabic: no serious or critical WCAG 2.1 AA violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.utils import translation

from assessments.models import QuestionnairePage, QuizPage
from courses.models import LessonPage
from lms.models import TrainingPlanPage

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def serious_violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def log_in(page, base_url, username):
    page.goto(f"{base_url}/fr/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("Tounesna-2026")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


@pytest.fixture
def demo(live_server, transactional_db):
    call_command("load_demo", "--allow-production", verbosity=0)
    return live_server.url


def page_urls(language: str) -> dict[str, list[str]]:
    with translation.override(language):
        lesson = LessonPage.objects.live().order_by("path").first().url
        quiz = QuizPage.objects.live().order_by("path").first().url
        needs = QuestionnairePage.objects.get(purpose="needs").url
    plan = TrainingPlanPage.objects.get()
    needs_id = QuestionnairePage.objects.get(purpose="needs").pk
    return {
        "yassine.chaabane": [
            f"/{language}/",
            f"/{language}/my/",
            lesson,
            quiz,
            needs,
            f"/{language}/search/?q=tounesna",
        ],
        "taskforce1": [
            f"/{language}/review/",
            f"/{language}/review/questionnaires/{needs_id}/",
            f"/{language}/review/questionnaires/{needs_id}/minutes/",
            f"/{language}/review/plans/{plan.pk}/report/",
        ],
    }


def test_journey_pages_have_no_serious_accessibility_violation(demo, new_page):
    """Both languages in one test: the demo data is loaded once."""
    problems = {}
    for language in ("fr", "ar"):
        for username, urls in page_urls(language).items():
            page = new_page(locale=language)
            log_in(page, demo, username)
            for url in urls:
                page.goto(demo + url)
                found = serious_violations(page)
                if found:
                    problems[url] = found
    assert problems == {}

"""Bilingual authoring in the Wagtail admin (issue 19), in a browser: the Arabic-only view keeps
every panel (a question's choices included), fields keep their direction, and an Arabic title
gives a Latin slug."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from courses.site_tree import ensure_course_index
from home.roles import Role, ensure_groups
from home.site_tree import ensure_home_page
from tests.factories.assessments import make_question
from tests.factories.courses import make_course

from .conftest import DESKTOP, PHONE, open_admin


@pytest.fixture
def author(live_server, transactional_db, make_user, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # Wagtail's own background saves: not what is tested here
    ensure_groups()
    ensure_course_index(ensure_home_page())
    trainer = make_user(Role.TRAINER, username="karim")
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = "ar"
    profile.save()
    return {
        "question": make_question(choices=2),
        "module": make_course(modules=1, lessons=1).get_children().first(),
    }


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_arabic_only_view_keeps_the_choices(live_server, author, new_page, step, viewport):
    page = new_page(viewport=viewport, locale="ar")
    open_admin(page, live_server.url, "karim", "ar")
    page.goto(f"{live_server.url}/admin/snippets/assessments/question/edit/{author['question'].pk}/")
    french = page.locator(".field-languages__toggle[lang=fr]")
    french.click()
    expect(french).to_have_attribute("aria-pressed", "false")
    # Only the French fields went: the type, the choices panel and each choice's Arabic text stay.
    expect(page.locator("#id_stem_fr-label")).to_be_hidden()
    expect(page.locator("#id_kind")).to_be_visible()
    expect(page.locator("#id_choices-0-text_fr")).to_be_hidden()
    for field in ("#id_choices-0-text_ar", "#id_choices-1-text_ar", "#id_choices-0-is_correct"):
        expect(page.locator(field)).to_be_visible()
    # A choice added now follows the same rule.
    page.locator("#id_choices-ADD").click()
    expect(page.locator("#id_choices-2-text_ar")).to_be_visible()
    expect(page.locator("#id_choices-2-text_fr")).to_be_hidden()
    assert page.locator("[data-contentpath=stem_ar]").get_attribute("dir") == "rtl"
    step(
        page, f"question-arabic-only-{viewport['width']}", admin=True, overflow=False, axe=viewport == DESKTOP
    )
    french.click()
    expect(page.locator("#id_choices-0-text_fr")).to_be_visible()
    # French stays left to right inside the right-to-left admin.
    assert page.locator("#id_choices-0-text_fr").evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert page.locator("[data-contentpath=stem_fr]").get_attribute("dir") == "ltr"


def test_an_arabic_title_gives_a_latin_slug(live_server, author, new_page, step):
    page = new_page(viewport=DESKTOP, locale="ar")
    open_admin(page, live_server.url, "karim", "ar")
    page.goto(f"{live_server.url}/admin/pages/add/courses/lessonpage/{author['module'].pk}/")
    title = page.locator("#id_title_ar")
    title.click()
    title.press_sequentially("الدرس الأول: تمويل المشاريع")
    title.blur()
    # Wagtail transliterates the Arabic letters: a readable Latin slug, not percent-encoded Arabic.
    expect(page.locator("#id_slug_ar")).to_have_value(re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$"))
    step(page, "new-lesson-arabic-slug", admin=True, overflow=False, axe=False)

"""Right to left: every public page type in Arabic on a 360 px phone: nothing scrolls sideways,
arrows that point forward are mirrored, Latin names and codes are isolated, and French shown as a
fallback is marked lang="fr" dir="ltr". Pages that no journey visits are checked with axe here."""

import pytest
from django.utils import timezone, translation

from assessments.questionnaires import ItemValue, submit_response
from courses.site_tree import ensure_course_index
from home.models import SiteSettings
from home.roles import Role, ensure_groups
from home.site_tree import ensure_home_page
from lms.models import Certificate
from lms.training.plans import AttendanceEntry, record_attendance
from tests.factories.assessments import make_quiz
from tests.factories.courses import add_lesson, enrol, make_course
from tests.factories.plans import make_plan
from tests.factories.questionnaires import make_questionnaire
from tests.paths import home_path, path_to

from .conftest import PHONE, horizontal_overflow, log_in, serious_violations

RICH_BODY = [
    ("heading", {"text": "الإطار العام", "level": "h2"}),
    ("paragraph", "<p>يموّل صندوق AMIF مشاريع إعادة الإدماج منذ 2014 بنسبة 75 %.</p>"),
    ("callout", {"kind": "tip", "title": "نصيحة", "text": "<p>راجعوا دليل EU Funding &amp; Tenders.</p>"}),
    ("quote", {"text": "العودة ليست نهاية المسار.", "attribution": "Dispositif Tounesna, 2024"}),
    ("case_study", {"title": "حالة", "context": "<p>عاد سامي من Lyon.</p>", "question": "ماذا تقترحون؟"}),
    (
        "further_reading",
        {"links": [{"title": "Return and Reintegration", "url": "https://example.org/r", "source": "EU"}]},
    ),
    ("faq", {"items": [{"question": "ما هو EURP؟", "answer": "<p>برنامج أوروبي.</p>"}]}),
]


@pytest.fixture
def arabic_site(live_server, transactional_db, make_user):
    ensure_groups()
    ensure_course_index(ensure_home_page())
    identity = SiteSettings.objects.get()  # the site's colour, chosen by the trainers
    identity.primary_colour = "#1a5fb4"
    identity.save()
    trainee = make_user(Role.TRAINEE, username="nour", first_name="Nour", last_name="Ayari")
    make_user(Role.TASK_FORCE, username="leila", first_name="Leila", last_name="Trabelsi")
    course = make_course(modules=1, lessons=0)
    module = course.get_children().first().specific
    rich = add_lesson(module)
    rich.body_ar = RICH_BODY
    rich.save_revision().publish()
    # Not translated yet: its title, summary and body are shown in French inside Arabic pages.
    fallback = add_lesson(module, title_ar="", summary_ar="")
    fallback.body_ar = []
    fallback.save_revision().publish()
    quiz = make_quiz(module)
    cohort = enrol(trainee, course)
    needs = make_questionnaire()
    competence_items = needs.items.filter(kind="competence")
    submit_response(
        user=trainee,
        questionnaire=needs,
        values={item.pk: ItemValue(number=2, importance=5) for item in competence_items},
    )
    plan = make_plan(cohort=cohort, live=True)
    workshop = plan.workshops.get()
    record_attendance(workshop=workshop, entries=[AttendanceEntry(trainee.pk, "present")])
    certificate = Certificate.objects.create(
        code="ABCD-EFGH-JKLM",
        user=trainee,
        workshop=workshop,
        holder_name="Nour Ayari",
        title_fr="Atelier 1",
        title_ar="ورشة 1",
        completed_on=timezone.localdate(),
        issued_on=timezone.localdate(),
    )
    with translation.override("ar"):
        return {
            "catalogue": course.get_parent().url,
            "course": course.url,
            "rich": rich.url,
            "fallback": fallback.url,
            "quiz": quiz.url,
            "needs": needs.url,
            "plan": plan.url,
            "needs_id": needs.pk,
            "plan_id": plan.pk,
            "workshop_id": workshop.pk,
            "code": certificate.code,
        }


def arabic(name: str, **kwargs) -> str:
    return path_to(name, language="ar", **kwargs)


def check(page, base, url, *, axe=True, status=200):
    response = page.goto(base + url)
    assert response.status == status, url
    assert page.locator("html").get_attribute("dir") == "rtl", url
    assert horizontal_overflow(page) == 0, f"{url} scrolls sideways at 360 px"
    for icon in page.locator(".dir-icon").all():
        if icon.is_visible():
            assert icon.evaluate("e => getComputedStyle(e).transform").startswith("matrix(-1"), url
    if axe:  # pages that no journey visits
        assert serious_violations(page) == [], url


def test_every_public_page_type_in_arabic_on_a_phone(live_server, arabic_site, new_page, screenshot):
    base, urls = live_server.url, arabic_site
    visitor = new_page(viewport=PHONE, locale="ar")
    for url in (home_path("ar"), urls["catalogue"], arabic("login"), arabic("password_reset")):
        check(visitor, base, url)
    # One visual identity: the colour of the site settings, the logo in the header and the tab.
    button = visitor.locator("main .btn-primary").first
    assert button.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(26, 95, 180)"
    assert visitor.locator(".navbar-brand img").is_visible()
    assert visitor.locator("link[rel=icon]").count() == 1
    check(visitor, base, arabic("lms:verify_certificate", query={"code": urls["code"]}))
    assert visitor.locator(".alert-success bdi").inner_text() == "Nour Ayari"
    check(visitor, base, "/ar/no-such-page/", status=404)  # typed on purpose: an address nobody named

    trainee = new_page(viewport=PHONE, locale="ar")
    log_in(trainee, base, "nour", "ar")
    assert trainee.locator(".site-header bdi").inner_text() == "Nour Ayari"
    for url in (
        urls["course"],
        urls["quiz"],
        urls["needs"],
        arabic("lms:certificates"),
        arabic("lms:privacy_notice"),
    ):
        check(trainee, base, url, axe=url == urls["course"])
    check(trainee, base, arabic("lms:search", query={"q": "AMIF"}))
    check(trainee, base, urls["rich"])
    screenshot(trainee, "rich-lesson")
    assert trainee.locator(".lesson-body bdi").first.inner_text() == "Dispositif Tounesna, 2024"

    check(trainee, base, urls["fallback"])
    screenshot(trainee, "french-fallback")
    # The untranslated lesson: its French title and body are marked as French, left to right.
    title = trainee.locator("main h1 span[lang=fr][dir=ltr]")
    assert title.inner_text().startswith("Leçon")
    assert title.evaluate("e => getComputedStyle(e).direction") == "ltr"
    body = trainee.locator(".lesson-body")
    assert (body.get_attribute("lang"), body.get_attribute("dir")) == ("fr", "ltr")
    assert trainee.locator(".breadcrumb span[lang=fr]").count() == 1
    check(trainee, base, arabic("lms:dashboard"))  # the dashboard lists the untranslated lesson, marked too
    assert trainee.locator("main span[lang=fr][dir=ltr]").count() >= 1

    task_force = new_page(viewport=PHONE, locale="ar")
    log_in(task_force, base, "leila", "ar")
    for url in (
        urls["plan"],
        arabic("lms:review:results", questionnaire_id=urls["needs_id"]),
        arabic("lms:review:minutes", questionnaire_id=urls["needs_id"]),
        arabic("lms:review:plan_report", plan_id=urls["plan_id"]),
        arabic("lms:review:workshop_report", plan_id=urls["plan_id"], workshop_id=urls["workshop_id"]),
    ):
        check(task_force, base, url, axe=url == urls["plan"])

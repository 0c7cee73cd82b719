"""An assignment from both sides: the trainee reads the brief and the rubric and submits → the
trainer returns it with a level per criterion → the trainee revises and submits again → the
trainer accepts → the trainee finds it in their workbook as evidence of its competences; in French
and Arabic, desktop and phone, axe 0 serious/critical at each step (the work beside its rubric
included, filled in before it is sent)."""

import pytest
from django.utils import translation
from wagtail.users.models import UserProfile

from assessments.models import Submission
from assessments.models.assignments import SubmissionStatus
from courses.models import StepProgress
from courses.site_tree import ensure_course_index
from home.roles import Role, ensure_groups
from home.site_tree import ensure_home_page
from tests.factories.assignments import make_assignment
from tests.factories.courses import enrol, make_course
from tests.factories.questionnaires import make_competences
from tests.paths import path_to

from .conftest import JOURNEY_RUNS, log_in, open_admin, ui

WORK = {
    "fr": ("Note à la Délégation de l'UE : cas fictif, données agrégées.", "Version revue : cibles et date."),
    "ar": (
        "مذكرة إلى بعثة الاتحاد الأوروبي: حالة افتراضية ومعطيات مجمّعة.",
        "نسخة مراجَعة: الجهات المستهدفة والتاريخ.",
    ),
}


@pytest.fixture
def classroom(live_server, transactional_db, make_user, language):
    ensure_groups()
    ensure_course_index(ensure_home_page())
    trainer = make_user(Role.TRAINER, username="karim", first_name="Karim", last_name="Belhadj")
    profile = UserProfile.get_for_user(trainer)  # the admin speaks the account's language
    profile.preferred_language = language
    profile.save()
    trainee = make_user(Role.TRAINEE, username="amira", first_name="Amira", last_name="Ben Ali")
    course = make_course(modules=1, lessons=1)
    enrol(trainee, course)
    assignment = make_assignment(course.get_children().first().specific, criteria=3, levels=4)
    assignment.competences.set(make_competences(1))
    assignment.save()
    with translation.override(language):
        url = assignment.get_url()
    return {"assignment": assignment, "url": url, "trainee": trainee}


def review(page, base, assignment, level: int, decision: str, language: str, step) -> None:
    page.goto(f"{base}/admin/to-review/")
    page.locator("table.listing a").first.click()
    for criterion in assignment.criteria.all():
        page.locator(f"input[name=level_{criterion.pk}][value='{level}']").check()
        page.locator(f"textarea[name=comment_{criterion.pk}]").fill("Ciblez la GIZ / استهدفوا الوكالة")
    page.locator("textarea[name=overall_comment]").fill("Bon départ / بداية جيّدة")
    step(page, f"review-{decision}", admin=True, overflow=False)
    page.locator(f"button[name=action][value={decision}]").click()
    page.wait_for_load_state()


@JOURNEY_RUNS
def test_assignment_journey(live_server, classroom, new_page, step, language, viewport):
    base, url, assignment = live_server.url, classroom["url"], classroom["assignment"]
    trainee = new_page(viewport=viewport, locale=language)
    log_in(trainee, base, "amira", language)
    trainee.goto(base + url)
    assert trainee.locator(".rubric").is_visible() and trainee.locator(".privacy-reminder").is_visible()
    step(trainee, "brief")
    first, revised = WORK[language]
    trainee.locator("textarea[name=text]").fill(first)
    trainee.get_by_role("button", name=ui("Submit for feedback", language)).click()
    trainee.wait_for_load_state()
    assert trainee.locator(".assignment-waiting").is_visible()
    step(trainee, "submitted")

    trainer = new_page(viewport=viewport, locale=language)
    open_admin(trainer, base, "karim", language)
    review(trainer, base, assignment, 2, "return", language, step)
    step(trainer, "returned", admin=True, overflow=False)
    assert Submission.objects.get().status == SubmissionStatus.RETURNED

    trainee.reload()
    assert trainee.locator(".assignment-feedback").is_visible()
    step(trainee, "feedback")
    trainee.locator("textarea[name=text]").fill(revised)
    trainee.get_by_role("button", name=ui("Submit for feedback", language)).click()
    trainee.wait_for_load_state()

    trainer.goto(f"{base}/admin/to-review/")
    step(trainer, "queue", admin=True, overflow=False)
    review(trainer, base, assignment, 4, "accept", language, step)
    assert Submission.objects.get().status == SubmissionStatus.ACCEPTED

    trainee.reload()
    assert trainee.locator(".assignment-accepted").is_visible()
    step(trainee, "accepted")
    assert StepProgress.objects.get(user=classroom["trainee"], page=assignment).score == 100
    trainee.goto(base + url + "version/1/")
    assert first in trainee.locator(".submitted-text").inner_text()
    step(trainee, "version-1")
    trainee.goto(base + path_to("lms:practice:workbook", language=language))
    evidence = trainee.locator(".competence-evidence").inner_text()
    assert getattr(assignment, f"title_{language}") in evidence and "100" in evidence
    step(trainee, "workbook")

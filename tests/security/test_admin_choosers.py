"""The admin's choosers list pages and snippets only to people who may work on them: the OTE
approver, who enters the admin only to approve the training plan, lists neither page titles nor
the question bank, and still opens the plan submitted for approval."""

import pytest
from django.urls import reverse

from courses.models import Cohort, Competence, Domain
from lms.training.plans import ensure_approval_workflow
from tests.factories.assessments import make_question
from tests.factories.courses import make_course
from tests.factories.plans import make_plan

pytestmark = pytest.mark.django_db


def snippet_chooser(model, view="choose", *args) -> str:
    meta = model._meta
    return reverse(f"wagtailsnippetchoosers_{meta.app_label}_{meta.model_name}:{view}", args=args)


@pytest.fixture
def content(site_tree):
    course = make_course(modules=1, lessons=1, title_fr="Formation secrète")
    course.save_revision()
    course.unpublish()
    question = make_question()
    question.stem_fr = "<p>Quelle est la réponse confidentielle ?</p>"
    question.save()
    domain = Domain.objects.create(key="D1", name="Domaine")
    Competence.objects.create(key="C1", name="Compétence", domain=domain)
    Cohort.objects.create(name="Cohorte pilote")
    return course, question


def chooser_urls(course, question) -> list[str]:
    from assessments.models import Question

    return [
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[course.pk]),
        reverse("wagtailadmin_choose_page_search") + "?q=secr%C3%A8te",
        snippet_chooser(Question),
        snippet_chooser(Question, "choose_results") + "?q=confidentielle",
        snippet_chooser(Question, "chosen", question.pk),
        snippet_chooser(Cohort),
        snippet_chooser(Competence),
        snippet_chooser(Domain),
    ]


def test_the_approver_lists_no_page_and_no_snippet_through_the_choosers(client, content, approver):
    course, question = content
    client.force_login(approver)
    for url in chooser_urls(course, question):
        response = client.get(url)
        # Wagtail's admin answers "permission denied" with a redirect to its dashboard and a message.
        assert response.status_code in {302, 403}, url
        html = response.content.decode()
        assert "secrète" not in html and "confidentielle" not in html and "Cohorte pilote" not in html


def test_trainers_keep_every_chooser(client, content, trainer):
    course, question = content
    client.force_login(trainer)
    for url in chooser_urls(course, question):
        assert client.get(url).status_code == 200, url
    html = client.get(snippet_chooser(type(question), "choose_results"), {"q": "confidentielle"})
    assert "confidentielle" in html.content.decode()


def test_the_approver_still_opens_the_plan_submitted_for_approval(client, site_tree, trainer, approver):
    ensure_approval_workflow()
    plan = make_plan(cohort=Cohort.objects.create(name="Cohorte pilote"))
    plan.save_revision(user=trainer)
    plan.get_workflow().start(plan, user=trainer)
    client.force_login(approver)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[plan.pk]))
    assert response.status_code == 200
    assert 'data-workflow-action-name="approve"' in response.content.decode()

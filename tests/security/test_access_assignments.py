"""Assignments: every route of the step × role × owner, and the XSS corpus through the trainee's
text, the criteria and the trainer's comments, on the trainee's pages and the trainer's."""

import pytest
from django.urls import reverse

from assessments import assignments as rules
from assessments.assignments import MarkInput
from assessments.models import RubricCriterion
from assessments.models.assignments import Decision
from home.roles import Role
from tests.factories.assignments import make_assignment
from tests.factories.courses import enrol
from tests.security.xss_corpus import assert_escaped, html_of, payload, texts, url_in

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "owner", "other_trainee", "not_enrolled", "trainer", "task_force", "approver"]
LOGIN = 302
# The trainee's page: whoever may open the course (enrolled trainees, trainers, the task force) sees
# their own work on it; a version is its owner's only (trainers read it in the admin).
OVERVIEW = {
    "anonymous": LOGIN,
    "owner": 200,
    "other_trainee": 200,
    "not_enrolled": 403,
    "trainer": 200,
    "task_force": 200,
    "approver": 403,
}
OWN_VERSION = {
    "anonymous": LOGIN,
    "owner": 200,
    "other_trainee": 404,
    "not_enrolled": 403,
    "trainer": 404,
    "task_force": 404,
    "approver": 403,
}
POST_ONLY = {**OVERVIEW, **{role: 405 for role, status in OVERVIEW.items() if status == 200}}


@pytest.fixture
def world(site_tree, make_user, course, module):
    users = {
        "owner": make_user(Role.TRAINEE, username="owner"),
        "other_trainee": make_user(Role.TRAINEE, username="other"),
        "not_enrolled": make_user(Role.TRAINEE, username="outsider"),
        "trainer": make_user(Role.TRAINER, username="t"),
        "task_force": make_user(Role.TASK_FORCE, username="tf"),
        "approver": make_user(Role.OTE_APPROVER, username="ap"),
    }
    cohort = enrol(users["owner"], course)
    enrol(users["other_trainee"], course, cohort=cohort)
    assignment = make_assignment(module, criteria=2)
    rules.save_draft(user=users["owner"], assignment=assignment, text=f"Mon plan {payload(3)}")
    version = rules.submit(user=users["owner"], assignment=assignment)
    return users, assignment, version


@pytest.fixture
def course(site_tree):
    from tests.factories.courses import make_course

    return make_course(modules=1, lessons=1)


@pytest.fixture
def module(course):
    return course.get_children().first().specific


@pytest.mark.parametrize("role", ROLES)
def test_each_route_of_the_step_by_role_and_owner(client, world, role):
    users, assignment, _version = world
    if role != "anonymous":
        client.force_login(users[role])
    url = assignment.url
    assert client.get(url).status_code == OVERVIEW[role]
    assert client.get(url + "save/").status_code == POST_ONLY[role]
    assert client.get(url + "version/1/").status_code == OWN_VERSION[role]
    assert client.get(url + "version/1/file/").status_code in {OWN_VERSION[role], 404}


@pytest.mark.parametrize("role", ["other_trainee", "task_force"])
def test_nobody_but_the_owner_and_trainers_reads_the_work(client, world, role):
    users, assignment, version = world
    client.force_login(users[role])
    assert "Mon plan" not in client.get(assignment.url).content.decode()
    assert (
        client.get(reverse("assessments_review_submission", args=[version.submission_id])).status_code != 200
    )


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_submission_text_criteria_and_comments_come_back_escaped(client, world, language):
    users, assignment, version = world
    criteria = list(assignment.criteria.all())
    for index, criterion in enumerate(criteria):
        values = texts("Critère", 20 + index)
        RubricCriterion.objects.filter(pk=criterion.pk).update(
            title_fr=values["fr"], title_ar=values["ar"], level_1_fr=values["fr"], level_1_ar=values["ar"]
        )
    criteria = list(assignment.criteria.all())
    rules.save_feedback(
        version=version,
        reviewer=users["trainer"],
        marks={
            c.pk: MarkInput(level=1, comment=f"Remarque {payload(30 + n)}") for n, c in enumerate(criteria)
        },
        overall_comment=f"Ensemble {payload(40)}",
        decision=Decision.RETURN,
        release=True,
    )
    title = f"title_{language}"
    client.force_login(users["owner"])
    shown = [getattr(c, title) for c in criteria] + [f"Remarque {payload(30)}", f"Ensemble {payload(40)}"]
    assert_escaped(html_of(client, url_in(assignment, language)), *shown)
    assert_escaped(
        html_of(client, url_in(assignment, language) + "version/1/"), f"Mon plan {payload(3)}", *shown
    )
    client.force_login(users["trainer"])
    assert_escaped(
        html_of(client, reverse("assessments_review_submission", args=[version.submission_id])),
        f"Mon plan {payload(3)}",
    )
    assert_escaped(html_of(client, reverse("assessments_review_queue")))


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_template_values_come_back_escaped_to_the_trainee_and_the_trainer(client, world, module, language):
    """A structured template's values (texts, table cells, the grid's and the roadmap's labels) are
    text on the trainee's version page and the trainer's review; nobody else reads them."""
    from assessments.models.assignments import SubmissionMode
    from courses.models import Actor
    from lms.demo.practice_content import load_actors, load_worksheet_templates

    users, _assignment, _version = world
    load_actors()
    template = next(t for t in load_worksheet_templates() if t.slug == "plan-de-plaidoyer")
    plan = make_assignment(
        module, criteria=1, submission_mode=SubmissionMode.TEMPLATE, worksheet_template=template
    )
    typed = {
        key: f"{key} {payload(50 + n)}"
        for n, key in enumerate(
            ["problem", "evidence", "goal", "indicators", "objective", "measure", "ask", "action", "owner"]
        )
    }
    values = {
        **{key: typed[key] for key in ("problem", "evidence", "goal", "indicators")},
        "objectives": [{"objective": typed["objective"], "measure": typed["measure"], "due": "2027-06-30"}],
        "targets": [
            {
                "actor": Actor.objects.get(acronym="OFII").pk,
                "influence": 5,
                "alignment": 4,
                "ask": typed["ask"],
            }
        ],
        "actions": [{"action": typed["action"], "date": "2027-01-15", "owner": typed["owner"]}],
    }
    rules.save_draft(user=users["owner"], assignment=plan, values=values)
    version = rules.submit(user=users["owner"], assignment=plan)
    client.force_login(users["owner"])
    assert_escaped(html_of(client, url_in(plan, language)))
    assert_escaped(html_of(client, url_in(plan, language) + "version/1/"), *typed.values())
    client.force_login(users["trainer"])
    review = reverse("assessments_review_submission", args=[version.submission_id])
    assert_escaped(html_of(client, review), *typed.values())
    client.force_login(users["other_trainee"])
    assert client.get(url_in(plan, language) + "version/1/").status_code == 404
    assert typed["goal"] not in client.get(url_in(plan, language)).content.decode()

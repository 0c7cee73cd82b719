"""The trainer's side of assignments in the admin: the queue and its count, one submission beside
its rubric (draft, return, accept), reopening, files; query counts constant as the data grows."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from assessments import assignments as rules
from assessments.assignments import MarkInput
from assessments.models import Feedback, Submission
from assessments.models.assignments import Decision, SubmissionMode, SubmissionStatus
from courses.models import StepProgress
from home.roles import Role
from tests.factories.assignments import make_assignment, pdf_upload
from tests.factories.courses import enrol
from tests.paths import path_to

pytestmark = pytest.mark.django_db

QUEUE = path_to("assessments_review_queue")


@pytest.fixture
def assignment(module):
    return make_assignment(module, criteria=3, levels=4)


def hand_in(user, assignment, text="Plan de mobilisation"):
    rules.save_draft(user=user, assignment=assignment, text=text)
    return rules.submit(user=user, assignment=assignment)


def rubric_post(assignment, level: int, action: str, comment="Ciblez la GIZ") -> dict:
    data = {"overall_comment": "Travail solide", "action": action}
    for criterion in assignment.criteria.all():
        data[f"level_{criterion.pk}"] = str(level)
        data[f"comment_{criterion.pk}"] = comment
    return data


def test_the_queue_lists_submitted_work_and_the_dashboard_counts_it(client, trainer, trainee, assignment):
    hand_in(trainee, assignment)
    client.force_login(trainer)
    html = client.get(QUEUE).content.decode()
    assert "Amira Ben Ali" in html
    dashboard = client.get(path_to("wagtailadmin_home")).content.decode()
    panel = dashboard.split('id="review-queue-content"', 1)[1][:600]
    assert "(1)" in panel and QUEUE in panel


def test_the_trainer_drafts_returns_then_accepts(client, trainer, trainee, assignment):
    version = hand_in(trainee, assignment)
    submission = version.submission
    url = reverse("assessments_review_submission", args=[submission.pk])
    client.force_login(trainer)
    page = client.get(url).content.decode()
    assert "Plan de mobilisation" in page and "Niveau 4 du critère 1" in page
    assert client.post(url, rubric_post(assignment, 2, "draft")).status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.released_at is None and feedback.points == 3
    assert "checked" in client.get(url).content.decode()  # the draft comes back in the form
    client.post(url, rubric_post(assignment, 2, Decision.RETURN))
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.RETURNED
    rules.save_draft(user=trainee, assignment=assignment, text="Plan revu")
    rules.submit(user=trainee, assignment=assignment)
    client.post(url, rubric_post(assignment, 4, Decision.ACCEPT))
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.ACCEPTED
    assert StepProgress.objects.get(user=trainee, page=assignment).score == 100


def test_release_without_every_level_changes_nothing_and_says_why(client, trainer, trainee, assignment):
    version = hand_in(trainee, assignment)
    client.force_login(trainer)
    data = rubric_post(assignment, 3, Decision.ACCEPT)
    del data[f"level_{assignment.criteria.first().pk}"]
    response = client.post(reverse("assessments_review_submission", args=[version.submission_id]), data)
    assert response.status_code == 400
    assert not Feedback.objects.exists()
    assert Submission.objects.get().status == SubmissionStatus.SUBMITTED


def test_reopening_allows_one_more_submission_after_the_due_date(client, trainer, trainee, module):
    from datetime import timedelta

    from django.utils import timezone

    assignment = make_assignment(module, max_revisions=0)
    version = hand_in(trainee, assignment)
    rules.save_feedback(
        version=version,
        reviewer=trainer,
        marks={c.pk: MarkInput(level=1) for c in assignment.criteria.all()},
        decision=Decision.RETURN,
        release=True,
    )
    AssignmentPage = type(assignment)
    AssignmentPage.objects.filter(pk=assignment.pk).update(due_at=timezone.now() - timedelta(days=2))
    assignment.refresh_from_db()
    client.force_login(trainer)
    assert (
        client.get(reverse("assessments_reopen_submission", args=[version.submission_id])).status_code == 405
    )
    client.post(reverse("assessments_reopen_submission", args=[version.submission_id]))
    assert rules.submit(user=trainee, assignment=assignment).number == 2


def test_trainers_download_submitted_files(client, trainer, trainee, module):
    assignment = make_assignment(module, submission_mode=SubmissionMode.FILE)
    rules.save_draft(user=trainee, assignment=assignment, upload=pdf_upload())
    version = rules.submit(user=trainee, assignment=assignment)
    client.force_login(trainer)
    response = client.get(reverse("assessments_version_file", args=[version.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queue_submission_page_and_matrix_query_counts_stay_the_same(
    client, trainer, make_user, course, module
):
    assignments = [make_assignment(module, criteria=4, max_revisions=5) for _ in range(2)]
    client.force_login(trainer)
    cohort = None

    def add_trainees(count):
        nonlocal cohort
        for _ in range(count):
            trainee = make_user(Role.TRAINEE)
            cohort = enrol(trainee, course, cohort=cohort)
            for assignment in assignments:
                version = hand_in(trainee, assignment)
                rules.save_feedback(
                    version=version,
                    reviewer=trainer,
                    marks={c.pk: MarkInput(level=2, comment="x") for c in assignment.criteria.all()},
                    decision=Decision.RETURN,
                    release=True,
                )
                hand_in(trainee, assignment, text="v2")
        return Submission.objects.filter(user__cohorts=cohort).order_by("pk").last()

    last = add_trainees(2)
    client.get(
        path_to("courses_progress", cohort_id=cohort.pk)
    )  # the outline and the graded steps are cached
    small = [
        _queries(client, QUEUE),
        _queries(client, reverse("assessments_review_submission", args=[last.pk])),
        _queries(client, path_to("courses_progress", cohort_id=cohort.pk)),
    ]
    last = add_trainees(8)
    large = [
        _queries(client, QUEUE),
        _queries(client, reverse("assessments_review_submission", args=[last.pk])),
        _queries(client, path_to("courses_progress", cohort_id=cohort.pk)),
    ]
    # The matrix: 10, as in tests/courses/test_matrix_views.py: "To review (n)" is counted in the
    # trainees' own query.
    assert small == large
    assert large[2] == 10


# The queue, 50 works a page ---------------------------------------------------------------------


def _speaking(user, language: str):
    """The admin follows the account's language."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def hand_in_many(make_user, course, assignment, count: int, *, cohort=None, start=None):
    """`count` trainees hand in their work, the later-made ones earlier: the queue's order (oldest
    waiting first) is then the reverse of the order they were made in. Their names, oldest waiting
    first, and the cohort."""
    start = start or timezone.now()
    names = []
    for number in range(count):
        trainee = make_user(Role.TRAINEE, first_name=f"Apprenant{number:03d}", last_name="Test")
        cohort = enrol(trainee, course, cohort=cohort)
        rules.save_draft(user=trainee, assignment=assignment, text="Plan")
        rules.submit(user=trainee, assignment=assignment, now=start - timedelta(minutes=number))
        names.append(f"Apprenant{number:03d} Test")
    return list(reversed(names)), cohort


def _listed(html: str) -> list[str]:
    return re.findall(r'href="/admin/to-review/\d+/">(?:<bdi>)?([^<]+)<', html)


def test_the_queue_shows_fifty_works_a_page_oldest_first_and_counts_them_all(
    client, trainer, make_user, course, assignment
):
    oldest_first, _cohort = hand_in_many(make_user, course, assignment, 55)
    client.force_login(_speaking(trainer, "fr"))
    first = client.get(path_to("assessments_review_queue")).content.decode()
    second = client.get(path_to("assessments_review_queue", query={"p": 2})).content.decode()
    assert _listed(first) == oldest_first[:50]
    assert _listed(second) == oldest_first[50:]
    assert "À relire (55)" in first and "À relire (55)" in second
    assert "Page 1 sur 2" in first and "55 travaux en attente de commentaire" in first
    assert 'href="?p=2"' in first


def test_the_queue_speaks_arabic_on_its_pages(client, trainer, make_user, course, assignment):
    hand_in_many(make_user, course, assignment, 51)
    client.force_login(_speaking(trainer, "ar"))
    html = client.get(path_to("assessments_review_queue", query={"p": 2})).content.decode()
    assert "للمراجعة (51)" in html and "الصفحة 2 من 2" in html
    assert "51 عملًا في انتظار الملاحظات" in html


@pytest.mark.parametrize(
    ("asked", "shown"), [("3", 2), ("999", 2), ("0", 2), ("abc", 1), ("", 1), ("1.5", 1)]
)
def test_a_page_out_of_range_shows_the_last_and_a_page_not_a_number_the_first(
    client, trainer, make_user, course, assignment, asked, shown
):
    oldest_first, _cohort = hand_in_many(make_user, course, assignment, 52)
    client.force_login(_speaking(trainer, "fr"))
    response = client.get(path_to("assessments_review_queue", query={"p": asked}))
    assert response.status_code == 200
    expected = oldest_first[50:] if shown == 2 else oldest_first[:50]
    assert _listed(response.content.decode()) == expected


def test_page_links_keep_the_cohort_and_the_matrix_counts_what_the_queue_lists(
    client, trainer, make_user, course, assignment
):
    oldest_first, cohort = hand_in_many(make_user, course, assignment, 53)
    hand_in_many(make_user, course, assignment, 4, start=timezone.now() - timedelta(days=3))  # another cohort
    client.force_login(_speaking(trainer, "fr"))
    matrix = client.get(path_to("courses_progress", cohort_id=cohort.pk)).content.decode()
    link = path_to("assessments_review_queue", query={"cohort": cohort.pk})
    assert f'href="{link}"' in matrix and "À relire (53)" in matrix
    first = client.get(link).content.decode()
    assert "À relire (53)" in first and _listed(first) == oldest_first[:50]
    assert f'href="?cohort={cohort.pk}&amp;p=2"' in first
    second = client.get(path_to("assessments_review_queue", query={"cohort": cohort.pk, "p": 2}))
    assert _listed(second.content.decode()) == oldest_first[50:]
    assert "À relire (57)" in client.get(path_to("assessments_review_queue")).content.decode()


# Session, user, permissions, cohorts of the filter, the count, the admin's menu (4), the page's works;
# the site is read from the cache (one query more on the first request after a page is saved).
QUEUE_QUERIES = 10


def test_the_queue_reads_as_many_queries_for_5_works_as_for_60(
    client, trainer, make_user, course, assignment, django_assert_max_num_queries
):
    client.force_login(trainer)
    pages = [
        path_to("assessments_review_queue"),
        path_to("assessments_review_queue", query={"p": 2}),
    ]
    _names, cohort = hand_in_many(make_user, course, assignment, 5)
    client.get(pages[0])  # the site, read again after the pages saved above
    for url in pages:
        with django_assert_max_num_queries(QUEUE_QUERIES):
            assert client.get(url).status_code == 200
    hand_in_many(make_user, course, assignment, 55, cohort=cohort)
    for url in [*pages, path_to("assessments_review_queue", query={"cohort": cohort.pk})]:
        with django_assert_max_num_queries(QUEUE_QUERIES):
            assert client.get(url).status_code == 200


def _plan_values(actor_ids: list[int], version: int) -> dict:
    """A complete advocacy plan (stored values), one target per actor given."""
    return {
        "problem": f"Problème, version {version}",
        "evidence": "500 projets financés depuis 2011",
        "goal": "Un service public national",
        "indicators": "Conventions signées",
        "objectives": [{"objective": "Convention", "measure": "Une convention signée", "due": "2027-06-30"}],
        "targets": [{"actor": pk, "influence": 4, "alignment": 3, "ask": "Cofinancer"} for pk in actor_ids],
        "actions": [{"action": "Note conceptuelle", "date": "2027-01-15", "owner": "Chef de projet"}],
    }


@pytest.mark.parametrize("mode", ["text", "template"])
def test_the_submission_pages_read_as_many_queries_for_two_versions_as_for_six(
    client, trainer, trainee, course, module, mode
):
    """The trainer's page of one work (the latest version beside its rubric, the earlier versions and
    their feedback below) and the trainee's page of the assignment (the versions' history) grow with
    the work's own versions, each naming other actors in a template: their queries do not."""
    from courses.models import Actor
    from lms.demo.practice_content import load_actors, load_worksheet_templates

    fields = {}
    if mode == "template":
        load_actors()
        template = next(t for t in load_worksheet_templates() if t.slug == "plan-de-plaidoyer")
        fields = {"submission_mode": SubmissionMode.TEMPLATE, "worksheet_template": template}
        actors = list(Actor.objects.live().values_list("pk", flat=True))
    assignment = make_assignment(module, criteria=4, max_revisions=10, **fields)
    enrol(trainee, course)
    versions = 0

    def hand_in_again():
        nonlocal versions
        versions += 1
        if mode == "template":
            work = {"values": _plan_values(actors[versions : versions + 2], versions)}
        else:
            work = {"text": f"Version {versions}"}
        rules.save_draft(user=trainee, assignment=assignment, **work)
        version = rules.submit(user=trainee, assignment=assignment)
        rules.save_feedback(
            version=version,
            reviewer=trainer,
            marks={
                c.pk: MarkInput(level=2, comment=f"Niveau 2, v{versions}") for c in assignment.criteria.all()
            },
            overall_comment=f"À reprendre, v{versions}",
            decision=Decision.RETURN,
            release=True,
        )
        return version

    def counts():
        rules.save_draft(user=trainee, assignment=assignment)
        latest = rules.submit(user=trainee, assignment=assignment)  # the version awaiting feedback
        rules.save_feedback(  # drafted on it, not released: the form shows it
            version=latest, reviewer=trainer, marks={}, overall_comment="Brouillon de commentaire"
        )
        review = reverse("assessments_review_submission", args=[latest.submission_id])
        client.force_login(trainer)
        client.get(review)
        trainer_page = _queries(client, review)
        client.force_login(trainee)
        client.get(assignment.url)
        trainee_pages = [
            _queries(client, assignment.url),
            _queries(client, assignment.url + f"version/{versions}/"),
        ]
        rules.save_feedback(
            version=latest,
            reviewer=trainer,
            marks={c.pk: MarkInput(level=2) for c in assignment.criteria.all()},
            decision=Decision.RETURN,
            release=True,
        )
        return [trainer_page, *trainee_pages]

    hand_in_again()
    small = counts()  # 2 versions
    versions += 1
    for _ in range(3):
        hand_in_again()
    large = counts()  # 6 versions
    assert Submission.objects.get().versions.count() == 6
    assert small == large, (small, large)

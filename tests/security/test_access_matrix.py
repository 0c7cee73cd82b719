"""Every URL pattern of the site × every role: the expected status. A new URL pattern that is not
in the matrix fails `test_every_url_pattern_is_in_the_matrix`."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from assessments.assignments import save_draft
from assessments.assignments import submit as submit_work
from assessments.models import MeetingMinutes
from assessments.models.assignments import SubmissionMode
from courses.models import Cohort
from courses.progress import mark_step_complete
from home.roles import Role, ensure_groups
from lms.certificates import eligible_items, issue
from lms.demo.practice_content import load_worksheet_templates
from lms.followup.checkins import CheckInAnswer, record_check_in
from lms.followup.commitments import commitment_from, record_commitment
from lms.models import Attendance
from lms.notifications.preferences import issue_calendar_token
from lms.practice.workbook import start_worksheet
from tests.conftest import PASSWORD
from tests.factories.assessments import make_quiz
from tests.factories.assignments import make_assignment, pdf_upload
from tests.factories.courses import enrol, lessons_of, make_course
from tests.factories.plans import make_plan, submit
from tests.factories.questionnaires import make_competences, make_questionnaire

# One worker builds the module's world once.
pytestmark = pytest.mark.xdist_group("test_access_matrix")

ROLES = ["anonymous", "trainee_a", "trainee_b", "trainer", "task_force", "approver", "superuser"]
LOGIN = 302  # anonymous visitors are sent to the login page
DENY = 403
ALL_OK = dict.fromkeys(ROLES, 200)
SIGNED_IN = {**dict.fromkeys(ROLES, 200), "anonymous": LOGIN}
REVIEWERS = {
    "anonymous": LOGIN,
    "trainee_a": DENY,
    "trainee_b": DENY,
    "trainer": 200,
    "task_force": 200,
    "approver": DENY,
    "superuser": 200,
}
TRAINER_ADMIN = {
    "anonymous": LOGIN,
    "trainee_a": LOGIN,  # no admin access: Wagtail sends them to its login
    "trainee_b": LOGIN,
    "trainer": 200,
    "task_force": LOGIN,
    "approver": 302,  # in the admin, Wagtail answers "permission denied" with a redirect and a message
    "superuser": 200,
}
# The trainer drafts, adopts and corrects the minutes; the task force only reads them.
MINUTES_EDITORS = {**REVIEWERS, "task_force": DENY}
# POST-only actions: a GET from someone allowed to POST is refused with 405.
MINUTES_ACTIONS = {**MINUTES_EDITORS, "trainer": 405, "superuser": 405}
OWN_CERTIFICATE = {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, "trainee_a": 200}
# The OTE approver's decisions: their list, a plan awaiting them (others: 404, as a missing task).
APPROVERS = {**dict.fromkeys(ROLES, DENY), "anonymous": LOGIN, "approver": 200, "superuser": 200}
APPROVER_TASK = {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, "approver": 200, "superuser": 200}
POST_ONLY = {**dict.fromkeys(ROLES, 405), "anonymous": LOGIN}
PLAN_READERS = {**dict.fromkeys(ROLES, 200), "anonymous": LOGIN, "trainee_a": 404, "trainee_b": 404}
# A trainee's worksheet (trainee A's): read by its owner and the trainers, edited by its owner only;
# others get a 404, as for a missing one (the task force sees no workbook).
WORKSHEET_READERS = {
    **dict.fromkeys(ROLES, 404),
    "anonymous": LOGIN,
    "trainee_a": 200,
    "trainer": 200,
    "superuser": 200,
}
WORKSHEET_OWNER = {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, "trainee_a": 200}
# Facilitator notes (lms/handover): trainers only; trainees, the task force and approvers are refused.
TRAINERS_ONLY = {**dict.fromkeys(ROLES, DENY), "anonymous": LOGIN, "trainer": 200, "superuser": 200}
# A trainee's commitments and check-ins: theirs only (others: 404, as a missing one); the evidence
# file also for the trainers. Recording a commitment: only after a workshop one attended.
OWN_COMMITMENT = {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, "trainee_a": 200}
EVIDENCE = {**OWN_COMMITMENT, "trainer": 200, "superuser": 200}
ATTENDED_WORKSHOP = {**dict.fromkeys(ROLES, DENY), "anonymous": LOGIN, "trainee_a": 200}

# name → (kwargs builder, expected status per role)
MATRIX = {
    "health": (lambda d: {}, ALL_OK),
    "theme_css": (lambda d: {}, ALL_OK),
    # Every page of the site tree (home.routing.serve); a lesson: enrolled trainees and staff roles.
    "wagtail_serve": (
        lambda d: {"path": lessons_of(d["course"])[0].get_url().removeprefix("/fr/")},
        {**SIGNED_IN, "approver": DENY},
    ),
    "login": (lambda d: {}, {**ALL_OK, **dict.fromkeys(ROLES[1:], 302)}),
    "logout": (lambda d: {}, dict.fromkeys(ROLES, 405)),  # GET refused: log out is a POST
    "wagtailadmin_logout": (lambda d: {}, dict.fromkeys(ROLES, 405)),  # lms/accounts/views.py
    "password_change": (lambda d: {}, SIGNED_IN),
    "password_change_done": (lambda d: {}, SIGNED_IN),
    "password_reset": (lambda d: {}, ALL_OK),
    "password_reset_done": (lambda d: {}, ALL_OK),
    "password_reset_confirm": (lambda d: {"uidb64": "MQ", "token": "bad-token"}, ALL_OK),
    "password_reset_complete": (lambda d: {}, ALL_OK),
    # Staff are sent on to their work (lms/landing.py): the review area, the Wagtail admin.
    "lms:dashboard": (
        lambda d: {},
        {**SIGNED_IN, **dict.fromkeys(["trainer", "task_force", "approver", "superuser"], 302)},
    ),
    # To the plan of the trainee's cohort, or to the dashboard when there is none.
    "lms:my_workshops": (lambda d: {}, dict.fromkeys(ROLES, 302)),
    "lms:search": (lambda d: {}, ALL_OK),
    "lms:my_data": (lambda d: {}, SIGNED_IN),  # always the signed-in person's own data
    "lms:certificates": (lambda d: {}, SIGNED_IN),
    "lms:approvals": (lambda d: {}, APPROVERS),
    "lms:approval": (lambda d: {"task_state_id": d["task_state"]}, APPROVER_TASK),
    "lms:approval_approve": (lambda d: {"task_state_id": d["task_state"]}, POST_ONLY),
    "lms:approval_request_changes": (lambda d: {"task_state_id": d["task_state"]}, POST_ONLY),
    "lms:course_certificate": (lambda d: {"course_id": d["course"].pk}, OWN_CERTIFICATE),
    "lms:workshop_certificate": (lambda d: {"workshop_id": d["workshop"].pk}, OWN_CERTIFICATE),
    "lms:certificate_pdf": (lambda d: {"code": d["certificate"].code}, OWN_CERTIFICATE),  # issued to A
    "lms:verify_certificate": (lambda d: {}, ALL_OK),
    "lms:review:index": (lambda d: {}, REVIEWERS),
    "lms:review:gain": (lambda d: {"post_test_id": d["post_test"].pk}, REVIEWERS),
    "lms:review:results": (lambda d: {"questionnaire_id": d["questionnaire"].pk}, REVIEWERS),
    "lms:review:responses_export": (
        lambda d: {"questionnaire_id": d["questionnaire"].pk, "export_format": "csv"},
        REVIEWERS,
    ),
    "lms:review:minutes": (lambda d: {"questionnaire_id": d["questionnaire"].pk}, REVIEWERS),
    "lms:review:minutes_edit": (lambda d: {"questionnaire_id": d["questionnaire"].pk}, MINUTES_EDITORS),
    "lms:review:minutes_pdf": (lambda d: {"questionnaire_id": d["questionnaire"].pk}, REVIEWERS),
    "lms:review:minutes_adopt": (lambda d: {"questionnaire_id": d["questionnaire"].pk}, MINUTES_ACTIONS),
    "lms:review:minutes_correct": (lambda d: {"questionnaire_id": d["questionnaire"].pk}, MINUTES_ACTIONS),
    "lms:review:minutes_version": (
        lambda d: {"questionnaire_id": d["questionnaire"].pk, "version": 1},
        REVIEWERS,
    ),
    "lms:review:minutes_version_pdf": (
        lambda d: {"questionnaire_id": d["questionnaire"].pk, "version": 1},
        REVIEWERS,
    ),
    "lms:review:plan_report": (lambda d: {"plan_id": d["plan"].pk}, REVIEWERS),
    "lms:review:plan_report_pdf": (lambda d: {"plan_id": d["plan"].pk}, REVIEWERS),
    # The evaluation report: aggregates only (small cells protected), for the task force and trainers.
    "lms:review:evaluation_report": (lambda d: {"plan_id": d["plan"].pk}, REVIEWERS),
    "lms:review:evaluation_report_pdf": (lambda d: {"plan_id": d["plan"].pk}, REVIEWERS),
    "lms:review:evaluation_report_export": (
        lambda d: {"plan_id": d["plan"].pk, "export_format": "xlsx"},
        REVIEWERS,
    ),
    "lms:review:workshop_report": (
        lambda d: {"plan_id": d["plan"].pk, "workshop_id": d["workshop"].pk},
        REVIEWERS,
    ),
    "lms:review:workshop_report_pdf": (
        lambda d: {"plan_id": d["plan"].pk, "workshop_id": d["workshop"].pk},
        REVIEWERS,
    ),
    "courses_progress_cohorts": (lambda d: {}, TRAINER_ADMIN),
    "courses_progress": (lambda d: {"cohort_id": d["cohort"].pk}, TRAINER_ADMIN),
    "assessments_quiz_list": (lambda d: {}, TRAINER_ADMIN),
    "assessments_quiz_results": (lambda d: {"quiz_id": d["quiz"].pk}, TRAINER_ADMIN),
    "lms_attendance": (lambda d: {}, TRAINER_ADMIN),
    "lms_attendance_sheet": (lambda d: {"workshop_id": d["workshop"].pk}, TRAINER_ADMIN),
    "translation_gaps": (lambda d: {}, TRAINER_ADMIN),
    "lms_trainees": (lambda d: {}, TRAINER_ADMIN),
    "lms_trainee_erase": (lambda d: {"user_id": d["trainee_b"].pk}, TRAINER_ADMIN),
    # Assignments: the queue, a submission beside its rubric, reopening (POST only), a version's file.
    "assessments_review_queue": (lambda d: {}, TRAINER_ADMIN),
    "assessments_review_submission": (lambda d: {"submission_id": d["submission"].pk}, TRAINER_ADMIN),
    "assessments_reopen_submission": (
        lambda d: {"submission_id": d["submission"].pk},
        {**TRAINER_ADMIN, "trainer": 405, "superuser": 405},
    ),
    "assessments_version_file": (lambda d: {"version_id": d["version"].pk}, TRAINER_ADMIN),
    "lms:privacy_notice": (lambda d: {}, ALL_OK),
    # Notifications and calendar (lms/notifications): one's own preferences; a workshop's file for
    # whoever may read its plan (not live here: staff only); the feed opens with its secret alone.
    "lms:notification_preferences": (lambda d: {}, SIGNED_IN),
    "lms:calendar_new_address": (lambda d: {}, POST_ONLY),
    "lms:calendar_revoke": (lambda d: {}, POST_ONLY),
    "lms:workshop_ics": (lambda d: {"workshop_id": d["workshop"].pk}, PLAN_READERS),
    "lms:short_link": (lambda d: {"page_id": d["course"].pk}, dict.fromkeys(ROLES, 302)),
    "calendar_feed": (lambda d: {"token": d["calendar_token"]}, ALL_OK),
    "lms_notification_outbox": (lambda d: {}, TRAINER_ADMIN),
    "lms_notification_retry": (lambda d: {}, {**TRAINER_ADMIN, "trainer": 405, "superuser": 405}),
    "lms_notification_remind": (lambda d: {"questionnaire_id": d["questionnaire"].pk}, TRAINER_ADMIN),
    "lms_weekly_summary": (lambda d: {}, TRAINER_ADMIN),
    # The workbook (issue 20): always the signed-in person's own; a worksheet is trainee A's.
    "lms:practice:workbook": (lambda d: {}, SIGNED_IN),
    "lms:practice:workbook_export": (lambda d: {"export_format": "pdf"}, SIGNED_IN),
    "lms:practice:actors": (lambda d: {}, SIGNED_IN),  # approved entries, and one's own proposals
    "lms:practice:reflection_answer": (lambda d: {"lesson_id": d["lesson"].pk, "block_id": "b1"}, POST_ONLY),
    "lms:practice:worksheet_new": (lambda d: {"template_id": d["template"].pk}, POST_ONLY),
    "lms:practice:worksheet": (lambda d: {"worksheet_id": d["worksheet"].pk}, WORKSHEET_READERS),
    "lms:practice:worksheet_edit": (lambda d: {"worksheet_id": d["worksheet"].pk}, WORKSHEET_OWNER),
    "lms:practice:worksheet_export": (
        lambda d: {"worksheet_id": d["worksheet"].pk, "export_format": "docx"},
        WORKSHEET_READERS,
    ),
    "lms_workbooks": (lambda d: {}, TRAINER_ADMIN),
    "lms_trainee_workbook": (lambda d: {"user_id": d["trainee_a"].pk}, TRAINER_ADMIN),
    "lms_trainee_workbook_export": (
        lambda d: {"user_id": d["trainee_a"].pk, "export_format": "pdf"},
        TRAINER_ADMIN,
    ),
    "knowledge:funding_list": (lambda d: {}, SIGNED_IN),  # a proposal is a POST; see test_knowledge_funding
    "knowledge:glossary": (lambda d: {}, ALL_OK),
    "handover:lesson_notes": (lambda d: {"lesson_id": d["lesson"].pk}, TRAINERS_ONLY),
    "handover:workshop_notes": (lambda d: {"workshop_id": d["workshop"].pk}, TRAINERS_ONLY),
    "lms_handover_rerun": (lambda d: {}, TRAINER_ADMIN),
    "lms:followup:index": (lambda d: {}, SIGNED_IN),  # always the signed-in person's own follow-up
    "lms:followup:profile": (lambda d: {}, SIGNED_IN),
    "lms:followup:commit": (lambda d: {"workshop_id": d["attended_workshop"].pk}, ATTENDED_WORKSHOP),
    "lms:followup:check_in": (
        lambda d: {"commitment_id": d["commitment"].pk, "milestone": "4w"},
        OWN_COMMITMENT,
    ),
    "lms:followup:evidence": (lambda d: {"check_in_id": d["check_in"].pk}, EVIDENCE),
    "lms_followup": (lambda d: {}, TRAINER_ADMIN),
    "lms_followup_trainee": (lambda d: {"user_id": d["trainee_a"].pk}, TRAINER_ADMIN),
    "lms_coaching_new": (lambda d: {}, TRAINER_ADMIN),
    "wagtailcore_login": (lambda d: {}, ALL_OK),  # Wagtail's login for private pages
}

# URL patterns that belong to Django or Wagtail themselves (admin, documents, page serving).
THIRD_PARTY_PREFIXES = ("wagtailadmin", "wagtail", "wagtaildocs", "wagtailsnippets", "wagtailimages")


def project_pattern_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns)
    project_modules = ("lms.", "home.", "courses.", "assessments.", "django.contrib.auth.views")
    return {
        name
        for name in names
        if any(
            getattr(pattern.callback, "__module__", "").startswith(project_modules)
            for pattern in _patterns_named(name)
        )
    }


def _patterns_named(name: str):
    found = []

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern) and f"{namespace}{pattern.name}" == name:
                found.append(pattern)

    walk(get_resolver().url_patterns)
    return found


def test_every_url_pattern_is_in_the_matrix():
    missing = project_pattern_names() - set(MATRIX)
    assert not missing, f"Add these URL patterns to the access matrix: {sorted(missing)}"


def build_world(make_user) -> tuple[dict, dict]:
    ensure_groups()
    users = {
        "trainee_a": make_user(Role.TRAINEE, username="a", first_name="Amira", last_name="A"),
        "trainee_b": make_user(Role.TRAINEE, username="b"),
        "trainer": make_user(Role.TRAINER, username="t"),
        "task_force": make_user(Role.TASK_FORCE, username="tf"),
        "approver": make_user(Role.OTE_APPROVER, username="ap"),
        "superuser": make_user(username="su", is_superuser=True, is_staff=True),
    }
    course = make_course(modules=1, lessons=1)
    cohort = enrol(users["trainee_a"], course)
    enrol(users["trainee_b"], course, cohort=cohort)
    module = course.get_children().first().specific
    pre = make_quiz(module, purpose="pre_test")
    post = make_quiz(module, purpose="post_test", paired_pre_test=pre)
    for step in (*lessons_of(course), pre, post):
        mark_step_complete(user=users["trainee_a"], page=step)
    plan = make_plan(cohort=cohort)
    workshop = plan.workshops.get()
    Attendance.objects.create(workshop=workshop, trainee=users["trainee_a"], status="present")
    certificate = next(
        issue(user=users["trainee_a"], item=item)
        for item in eligible_items(user=users["trainee_a"])
        if item.course is not None
    )
    awaiting = submit(make_plan(cohort=cohort), users["trainer"]).current_task_state
    questionnaire = make_questionnaire(cohort=cohort)
    template = next(t for t in load_worksheet_templates() if t.slug == "plan-de-plaidoyer")
    MeetingMinutes.objects.create(questionnaire=questionnaire, meeting_date="2026-11-20", participants="X")
    assignment = make_assignment(module, submission_mode=SubmissionMode.FILE)
    save_draft(user=users["trainee_a"], assignment=assignment, upload=pdf_upload())
    version = submit_work(user=users["trainee_a"], assignment=assignment)
    followed = make_plan(cohort=cohort, live=True).workshops.get()
    Attendance.objects.create(workshop=followed, trainee=users["trainee_a"], status="present")
    competence = make_competences(1)[0]
    commitment = record_commitment(
        user=users["trainee_a"],
        workshop=followed,
        draft=commitment_from(what="Action", when=followed.starts_at.date(), competence=competence),
    )
    evidence = SimpleUploadedFile("note.pdf", b"%PDF-1.4 note")
    check_in = record_check_in(
        user=users["trainee_a"],
        commitment=commitment,
        milestone="4w",
        answer=CheckInAnswer(status="done", self_rating=4, evidence=evidence),
        now=followed.starts_at + timedelta(days=28),
    )
    data = {
        "submission": version.submission,
        "version": version,
        "course": course,
        "lesson": lessons_of(course)[0],
        "cohort": Cohort.objects.get(pk=cohort.pk),
        "quiz": post,
        "post_test": post,
        "plan": plan,
        "workshop": workshop,
        "questionnaire": questionnaire,
        "trainee_b": users["trainee_b"],
        "trainee_a": users["trainee_a"],
        "template": template,
        "worksheet": start_worksheet(user=users["trainee_a"], template=template),
        "certificate": certificate,
        "task_state": awaiting.pk,
        "calendar_token": issue_calendar_token(user=users["trainee_a"]),
        "attended_workshop": followed,
        "commitment": commitment,
        "check_in": check_in,
    }
    return users, data


def _make_user(role: Role | None = None, *, username: str, **fields):
    """As the `make_user` fixture does, for a world that outlives one test."""
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD, **fields
    )
    if role is not None:
        user.groups.add(Group.objects.get(name=role.value))
    return user


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module (not once per case: 300 cases), inside a transaction rolled back
    at its end. Each case runs in its own savepoint (the `db` fixture), so what a request writes
    (a session, a visit, a certificate issued on first view) is undone before the next case: every
    case sees the same world, as when each built its own."""
    from home.roles import remove_unused_wagtail_groups
    from home.site_tree import ensure_home_page

    with django_db_blocker.unblock(), transaction.atomic():
        ensure_home_page()  # what the `site_tree` fixture does
        ensure_groups()
        remove_unused_wagtail_groups()
        yield build_world(_make_user)
        transaction.set_rollback(True)


CASES = [(name, role) for name in MATRIX for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_access(db, client, world, name, role):
    users, data = world
    if role != "anonymous":
        client.force_login(users[role])
    build, expected = MATRIX[name]
    unprefixed = (
        "lms_",
        "assessments_",
        "courses_progress",
        "translation_gaps",
        "health",
        "theme_css",
        "wagtailadmin_",
        "calendar_feed",
    )
    prefix = "/fr" if not name.startswith(unprefixed) else ""
    url = reverse(name, kwargs=build(data))
    if prefix and not url.startswith("/fr/"):
        url = prefix + url
    response = client.get(url)
    assert response.status_code == expected[role], f"{url} as {role}"

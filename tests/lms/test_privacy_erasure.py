"""Right to erasure and retention: the person's identity goes, the group's figures stay."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessLog
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from assessments.attempts import Answer, start_attempt, submit_attempt
from assessments.models import AttemptQuestion, ItemAnswer, Response
from assessments.questionnaires import ItemValue, submit_response
from assessments.results import trainee_results
from assessments.scoring import QuestionKind
from courses.matrix import cohort_matrix
from courses.progress import mark_step_complete
from home.roles import Role
from lms.certificates import eligible_items, issue
from lms.models import Attendance, Certificate, ConsentRecord, Erasure
from lms.operations.backup import fingerprint
from lms.privacy import erasure
from lms.privacy.consent import record_consent
from lms.training.plans import AttendanceEntry, record_attendance
from tests.conftest import PASSWORD, translated
from tests.factories.assessments import make_question, make_quiz
from tests.factories.courses import enrol, lessons_of, make_course
from tests.factories.plans import make_plan
from tests.factories.questionnaires import make_questionnaire
from tests.paths import path_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(site_tree, trainee, make_user):
    """Amira and Walid, in one cohort, with progress, a quiz attempt, a needs response,
    attendance, a certificate, a consent and a sign-in record."""
    walid = make_user(Role.TRAINEE, username="walid", first_name="Walid")
    course = make_course(modules=1, lessons=1)
    cohort = enrol(trainee, course)
    cohort.trainees.add(walid)
    module = course.get_children().first().specific
    quiz = make_quiz(module, questions=[make_question()])
    for person in (trainee, walid):
        mark_step_complete(user=person, page=lessons_of(course)[0])
        attempt = start_attempt(user=person, quiz=quiz)
        item = attempt.items.select_related("question").get()
        first = item.question.choices.order_by("sort_order").first()
        submit_attempt(attempt=attempt, answers={item.position: Answer(choices=frozenset({first.pk}))})
    questionnaire = make_questionnaire()
    text_item = questionnaire.items.get(kind="text")
    submit_response(
        user=trainee,
        questionnaire=questionnaire,
        values={text_item.pk: ItemValue(text="Je travaille à Sfax avec Mme Karoui")},
    )
    plan = make_plan(cohort=cohort)
    workshop = plan.workshops.get()
    record_attendance(
        workshop=workshop, entries=[AttendanceEntry(trainee.pk, "present", "Arrivée avec sa fille")]
    )
    for item in eligible_items(user=trainee):
        issue(user=trainee, item=item)
    record_consent(user=trainee, language="fr")
    AccessLog.objects.create(username="trainee_a", ip_address="10.0.0.1", user_agent="test")
    return {"walid": walid, "course": course, "cohort": cohort, "quiz": quiz}


def figures(history):
    matrix = cohort_matrix(cohort=history["cohort"])
    return (
        sorted((r.grade, r.attempts) for r in trainee_results(quiz=history["quiz"])),
        sorted(row.completed for row in matrix.rows),
        Attendance.objects.count(),
        Response.objects.count(),
    )


def test_erasure_removes_identity_and_keeps_the_figures(client, history, trainee, trainer):
    before = figures(history)
    assert Certificate.objects.filter(user=trainee).exists()

    record = erasure.erase_trainee(user=trainee, by=trainer)

    trainee.refresh_from_db()
    assert trainee.username.startswith("erased-") and record.erased_by == trainer
    assert (trainee.first_name, trainee.last_name, trainee.email) == ("", "", "")
    assert not trainee.is_active and not trainee.has_usable_password()
    assert not Certificate.objects.filter(user=trainee).exists()
    assert not ConsentRecord.objects.filter(user=trainee).exists()
    assert not AccessLog.objects.filter(username="trainee_a").exists()
    assert not ItemAnswer.objects.exclude(text="").exists()
    assert Attendance.objects.get(trainee=trainee).note == ""
    assert figures(history) == before
    refused = client.post(path_to("login"), {"username": "trainee_a", "password": PASSWORD})
    assert refused.status_code == 200  # the form again: the account no longer exists


def test_erasure_blanks_typed_quiz_answers_and_keeps_their_points(history, trainee):
    module = history["course"].get_children().first().specific
    right, personal = make_question(QuestionKind.SHORT), make_question(QuestionKind.SHORT)
    quiz = make_quiz(module, questions=[right, personal])
    typed = {
        trainee: {right: "Réinsertion", personal: "Amira Ben Salah, 22 333 444, rue de Sfax"},
        history["walid"]: {right: "Réinsertion", personal: "Walid"},
    }
    for person, answers in typed.items():
        attempt = start_attempt(user=person, quiz=quiz)
        drawn = attempt.items.select_related("question")
        submit_attempt(attempt=attempt, answers={i.position: Answer(text=answers[i.question]) for i in drawn})
    items = AttemptQuestion.objects.filter(attempt__quiz=quiz)

    def scores():
        points = sorted(items.values_list("attempt__user", "question", "points"))
        return points, sorted((r.grade, r.attempts) for r in trainee_results(quiz=quiz))

    before = scores()
    assert (trainee.pk, right.pk, 1) in before[0]  # the answer to blank earned its point
    assert erasure.erasure_summary(user=trainee).removed_typed_quiz_answers == 2

    erasure.erase_trainee(user=trainee)

    assert scores() == before
    assert set(items.filter(attempt__user=trainee).values_list("text_answer", flat=True)) == {""}
    assert set(items.filter(attempt__user=history["walid"]).values_list("text_answer", flat=True)) == {
        "Réinsertion",
        "Walid",
    }


def test_erasure_ends_the_persons_sessions(client, history, trainee):
    client.force_login(trainee)
    assert client.get(path_to("lms:dashboard")).status_code == 200
    erasure.erase_trainee(user=trainee)
    assert client.get(path_to("lms:dashboard")).status_code == 302


def test_only_trainees_are_erased_and_only_once(history, trainee, trainer, task_force, make_user):
    for person in (trainer, task_force, make_user(is_superuser=True, is_staff=True)):
        with pytest.raises(erasure.ErasureRefused):
            erasure.erase_trainee(user=person)
    erasure.erase_trainee(user=trainee)
    with pytest.raises(erasure.ErasureRefused):
        erasure.erase_trainee(user=trainee)
    assert Erasure.objects.count() == 1


def test_a_failure_halfway_leaves_everything_as_it_was(history, trainee, monkeypatch):
    before = fingerprint()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(erasure.Attendance.objects, "filter", broken)
    with pytest.raises(RuntimeError):
        erasure.erase_trainee(user=trainee)
    assert fingerprint() == before


def test_trainer_erases_a_trainee_from_the_admin_after_typing_the_username(client, history, trainee, trainer):
    client.force_login(trainer)
    listing = client.get(path_to("lms_trainees"))
    assert listing.status_code == 200 and "trainee_a" in listing.content.decode()
    page = client.get(path_to("lms_trainee_erase", user_id=trainee.pk))
    assert translated("This cannot be undone.") in page.content.decode()

    wrong = client.post(path_to("lms_trainee_erase", user_id=trainee.pk), {"username": "walid"})
    assert wrong.status_code == 400
    assert translated("This is not the username of the account to erase.") in wrong.content.decode()
    assert not Erasure.objects.exists()

    done = client.post(
        path_to("lms_trainee_erase", user_id=trainee.pk), {"username": "trainee_a"}, follow=True
    )
    assert translated("The trainee's personal data has been erased.") in done.content.decode()
    assert Erasure.objects.get().account_id == trainee.pk
    assert client.get(path_to("lms_trainee_erase", user_id=trainee.pk), follow=True).status_code == 404


def test_staff_accounts_cannot_be_reached_through_the_erasure_page(client, history, trainer, task_force):
    client.force_login(trainer)
    assert client.get(path_to("lms_trainee_erase", user_id=task_force.pk), follow=True).status_code == 404


@pytest.mark.parametrize("trainees", [3, 20])
def test_the_trainee_list_reads_a_fixed_number_of_queries(
    client, site_tree, trainer, make_user, trainees, django_assert_max_num_queries
):
    for _ in range(trainees):
        record_consent(user=make_user(Role.TRAINEE), language="ar")
    client.force_login(trainer)
    with django_assert_max_num_queries(14):
        response = client.get(path_to("lms_trainees"))
    assert response.content.decode().count("/erase/") == trainees


def test_retention_erases_long_inactive_trainees_and_old_sign_in_records(history, trainee, make_user):
    now = timezone.now()
    long_gone = make_user(Role.TRAINEE, username="parti")
    long_gone.last_login = now - timedelta(days=4 * 365)
    long_gone.save()
    never_came = make_user(Role.TRAINEE, username="jamais")
    type(never_came).objects.filter(pk=never_came.pk).update(date_joined=now - timedelta(days=4 * 365))
    trainee.last_login = now - timedelta(days=30)
    trainee.save()
    old_log = AccessLog.objects.create(username="x", ip_address="10.0.0.2", user_agent="t")
    AccessLog.objects.filter(pk=old_log.pk).update(attempt_time=now - timedelta(days=200))
    Session.objects.create(session_key="old", session_data="", expire_date=now - timedelta(days=1))
    before = fingerprint()

    report = erasure.apply_retention(dry_run=True, now=now)
    assert report.trainees == ["jamais", "parti"]
    assert (report.login_records, report.expired_sessions) == (1, 1)
    assert fingerprint() == before

    erasure.apply_retention(dry_run=False, now=now)
    assert set(Erasure.objects.values_list("account__pk", "reason")) == {
        (long_gone.pk, Erasure.Reason.RETENTION),
        (never_came.pk, Erasure.Reason.RETENTION),
    }
    assert AccessLog.objects.filter(username="trainee_a").exists()  # recent: kept
    assert not AccessLog.objects.filter(pk=old_log.pk).exists()
    assert not Session.objects.filter(session_key="old").exists()


def test_retention_command_dry_run_lists_and_changes_nothing(history, make_user, capsys):
    gone = make_user(Role.TRAINEE, username="parti")
    gone.last_login = timezone.now() - timedelta(days=4 * 365)
    gone.save()
    call_command("apply_retention", "--dry-run")
    output = capsys.readouterr().out
    assert "parti" in output and "Dry run" in output
    assert not Erasure.objects.exists()
    call_command("apply_retention")
    assert Erasure.objects.filter(account=gone).exists()


def test_erase_trainee_command_asks_for_yes(history, trainee, capsys):
    call_command("erase_trainee", "trainee_a")
    assert "add --yes" in capsys.readouterr().out and not Erasure.objects.exists()
    call_command("erase_trainee", "trainee_a", "--yes")
    assert Erasure.objects.filter(account=trainee).exists()


def test_erasure_page_does_not_show_who_answered_an_anonymous_questionnaire(
    client, site_tree, trainer, make_user
):
    """The trainer's erasure page of a trainee who answered an anonymous survey reads exactly like
    that of a trainee who did not."""
    answered, silent = make_user(Role.TRAINEE, username="anon_a"), make_user(Role.TRAINEE, username="anon_b")
    survey = make_questionnaire(anonymity="anonymous")
    submit_response(user=answered, questionnaire=survey, values={})
    client.force_login(trainer)

    def page(user) -> str:
        html = client.get(path_to("lms_trainee_erase", user_id=user.pk)).content.decode()
        html = re.sub(r"[A-Za-z0-9]{64}", "", html)  # CSRF tokens
        return html.replace(user.username, "USER").replace(f"/{user.pk}/", "/PK/")

    assert page(answered) == page(silent)
    assert erasure.erasure_summary(user=answered) == erasure.erasure_summary(user=silent)

"""Reminders and notifications (issue 22): schedules under a frozen clock, each message once,
retries, who never receives anything, languages and Tunisian dates, no anonymous answer."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import translation
from wagtail.users.models import UserProfile

from assessments.questionnaires import ItemValue, submit_response
from home.roles import Role
from lms.models import DeliveryStatus, Frequency, Notification, NotificationPreference
from lms.notifications.builtin import QuestionnaireReminder
from lms.notifications.outbox import dispatch, record_all
from lms.notifications.preferences import save_preferences
from lms.privacy.consent import record_consent
from lms.privacy.erasure import erase_trainee
from tests.factories.assessments import make_quiz
from tests.factories.courses import enrol, make_course
from tests.factories.plans import make_plan, submit
from tests.factories.questionnaires import make_questionnaire

TUNIS = ZoneInfo("Africa/Tunis")
NOW = datetime(2026, 1, 5, 9, 0, tzinfo=TUNIS)  # Monday 5 January 2026, 9:00 in Tunis


def _send(now):
    with time_machine.travel(now, tick=False):
        call_command("send_notifications", stdout=StringIO())


@pytest.fixture
def world(site_tree, make_user):
    course = make_course(modules=1, lessons=1)
    module = course.get_children().first()
    quiz = make_quiz(module, closes_at=NOW + timedelta(days=2, hours=20))
    french = make_user(Role.TRAINEE, username="salma", first_name="Salma", last_name="Gharbi")
    arabic = make_user(Role.TRAINEE, username="hedi", first_name="Hédi", last_name="Nasri")
    UserProfile.get_for_user(arabic).__class__.objects.filter(user=arabic).update(preferred_language="ar")
    cohort = enrol(french, course)
    enrol(arabic, course, cohort=cohort)
    for person in (french, arabic):
        record_consent(user=person, language="fr")
    return {"course": course, "quiz": quiz, "fr": french, "ar": arabic, "cohort": cohort}


def _to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def test_quiz_due_in_three_days_then_one_day_each_once(world):
    _send(NOW)
    _send(NOW)  # twice in a row: nothing more
    assert len(_to(world["fr"])) == 1 and len(_to(world["ar"])) == 1
    _send(NOW + timedelta(days=2))  # 20 hours left: the "1 day" reminder
    _send(NOW + timedelta(days=2, minutes=15))
    assert len(_to(world["fr"])) == 2
    assert Notification.objects.filter(trigger="quiz_due").count() == 4
    _send(NOW + timedelta(days=3))  # closed: nothing
    assert len(mail.outbox) == 4


def test_subject_and_body_in_the_recipients_language_with_tunisian_dates(world):
    _send(NOW)
    french, arabic = _to(world["fr"])[0], _to(world["ar"])[0]
    assert "Quiz" in french.subject and "8 janvier 2026 à 5 h 00" in french.body
    assert "اختبار" in arabic.subject
    assert "8 جانفي 2026" in arabic.body and "الساعة 05:00" in arabic.body
    html, kind = arabic.alternatives[0]
    assert kind == "text/html" and 'lang="ar" dir="rtl"' in html
    assert 'lang="fr" dir="ltr"' in french.alternatives[0][0]
    for message in (french, arabic):  # every e-mail links to the preferences
        assert "/my/notifications/" in message.body


def test_the_chosen_language_wins_over_the_accounts(world):
    save_preferences(
        user=world["fr"], email_enabled=True, frequency=Frequency.IMMEDIATE, digest_day=0, language="ar"
    )
    _send(NOW)
    assert "اختبار" in _to(world["fr"])[0].subject


def test_nothing_to_erased_unconsented_or_opted_out_people(world, make_user, trainer):
    erase_trainee(user=world["fr"], by=trainer, reason="request")
    save_preferences(
        user=world["ar"], email_enabled=False, frequency=Frequency.IMMEDIATE, digest_day=0, language=""
    )
    newcomer = make_user(Role.TRAINEE, username="newcomer")  # has not accepted the notice
    enrol(newcomer, world["course"], cohort=world["cohort"])
    _send(NOW)
    assert mail.outbox == []


def test_nothing_to_someone_who_accepted_only_an_earlier_notice(world, settings):
    """A new notice version: those who have not accepted it yet get nothing, not even the messages
    recorded before it changed (withdrawn when their turn comes); accepting it lets the next ones
    through."""
    save_preferences(
        user=world["fr"], email_enabled=True, frequency=Frequency.WEEKLY, digest_day=2, language=""
    )
    _send(NOW)  # recorded for Wednesday's summary, for the one who reads French
    assert len(mail.outbox) == 1  # the Arabic reader, at once
    settings.PRIVACY_NOTICE_VERSION = "2099-01"
    _send(NOW + timedelta(days=2))  # the "1 day" reminders, and Wednesday's summary is due
    assert len(mail.outbox) == 1
    assert set(Notification.objects.filter(recipient=world["fr"]).values_list("status", flat=True)) == {
        DeliveryStatus.WITHDRAWN
    }
    record_consent(user=world["ar"], language="ar")
    _send(NOW + timedelta(days=2, hours=1))
    assert len(mail.outbox) == 2 and mail.outbox[1].to == [world["ar"].email]


def test_a_failed_send_is_retried_then_reported(world, monkeypatch):
    calls = {"n": 0}

    def refuse(self, *args, **kwargs):
        calls["n"] += 1
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    _send(NOW)
    failed = Notification.objects.get(recipient=world["fr"])
    assert failed.status == DeliveryStatus.PENDING and failed.attempts == 1
    assert "ConnectionRefusedError" in failed.last_error
    assert failed.next_attempt_at > NOW
    _send(NOW + timedelta(minutes=1))  # not yet due again
    assert Notification.objects.get(pk=failed.pk).attempts == 1
    monkeypatch.undo()
    _send(NOW + timedelta(minutes=10))
    failed.refresh_from_db()
    assert failed.status == DeliveryStatus.SENT and len(_to(world["fr"])) == 1


def test_retries_end_as_failed_for_the_trainer_to_see(world, monkeypatch, settings):
    settings.NOTIFICATION_RETRY_LIMIT = 2
    monkeypatch.setattr(
        "django.core.mail.EmailMultiAlternatives.send", lambda *a, **k: (_ for _ in ()).throw(OSError("down"))
    )
    _send(NOW)
    _send(NOW + timedelta(hours=1))
    assert set(Notification.objects.values_list("status", flat=True)) == {DeliveryStatus.FAILED}


def test_weekly_summary_waits_for_the_chosen_day_and_sends_one_e_mail(world, site_tree):
    save_preferences(
        user=world["fr"], email_enabled=True, frequency=Frequency.WEEKLY, digest_day=2, language=""
    )
    make_plan(cohort=world["cohort"], live=True, starts=[NOW + timedelta(days=5)])
    _send(NOW)  # Monday: quiz due and workshop in 7 days, held until Wednesday 8:00
    assert _to(world["fr"]) == []
    _send(datetime(2026, 1, 7, 8, 5, tzinfo=TUNIS))
    digest = _to(world["fr"])
    assert len(digest) == 1 and "hebdomadaire" in digest[0].subject
    assert "Quiz" in digest[0].body and "Atelier 1" in digest[0].body
    assert NotificationPreference.objects.get(user=world["fr"]).frequency == Frequency.WEEKLY


def test_workshop_reminders_carry_the_ics(world):
    make_plan(cohort=world["cohort"], live=True, starts=[NOW + timedelta(days=6, hours=1)])
    _send(NOW)
    workshop_mail = [m for m in _to(world["ar"]) if m.attachments]
    assert len(workshop_mail) == 1
    name, content, mimetype = workshop_mail[0].attachments[0]
    assert name.endswith(".ics") and mimetype == "text/calendar"
    from icalendar import Calendar

    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == NOW + timedelta(days=6, hours=1)
    assert str(event["summary"]) == "ورشة 1"


def test_remind_those_who_have_not_answered_never_those_who_did(world):
    questionnaire = make_questionnaire(anonymity="anonymous", opens_at=NOW - timedelta(days=30))
    secret = "RÉPONSE-SECRÈTE-4242"
    free_text = questionnaire.items.get(kind="text")
    submit_response(
        user=world["fr"], questionnaire=questionnaire, values={free_text.pk: ItemValue(text=secret)}
    )
    trigger = QuestionnaireReminder()
    with time_machine.travel(NOW, tick=False):
        found = list(trigger.for_questionnaire(questionnaire=questionnaire, today=NOW.date()))
        assert [occurrence.recipient for occurrence in found] == [world["ar"]]
        assert record_all(trigger=trigger, occurrences=found, now=NOW) == 1
        assert record_all(trigger=trigger, occurrences=found, now=NOW) == 0  # the same day: once
        dispatch(now=NOW)
    _send(NOW)
    assert _to(world["fr"]) == [] or all("Questionnaire" not in m.subject for m in _to(world["fr"]))
    everything = "".join(
        m.subject + m.body + "".join(part for part, _kind in m.alternatives) for m in mail.outbox
    )
    assert secret not in everything
    assert secret not in "".join(Notification.objects.values_list("body_text", flat=True))


def test_two_runs_at_the_same_time_record_once(world):
    """The unique key decides: a second insertion of the same message is skipped."""
    from lms.notifications.builtin import QuizDue
    from lms.notifications.outbox import record

    occurrence = next(iter(QuizDue().occurrences(now=NOW)))
    first = record(trigger=QuizDue(), occurrence=occurrence, now=NOW)
    Notification.objects.filter(pk=first.pk).update(subject="kept")
    assert record(trigger=QuizDue(), occurrence=occurrence, now=NOW) is None
    assert Notification.objects.get(pk=first.pk).subject == "kept"
    with translation.override("fr"):
        assert dispatch(now=NOW) == 1
        assert dispatch(now=NOW) == 0


def test_questionnaire_opened_reaches_those_expected_once(world):
    questionnaire = make_questionnaire(cohort=world["cohort"], opens_at=NOW - timedelta(days=2))
    submit_response(user=world["fr"], questionnaire=questionnaire, values={})
    _send(NOW)
    _send(NOW + timedelta(hours=1))
    opened = Notification.objects.filter(trigger="questionnaire_opened")
    assert [n.recipient for n in opened] == [world["ar"]]
    assert "استبيان" in opened.get().subject


def test_a_plan_waiting_three_days_reminds_the_approvers(world, trainer, approver):
    from wagtail.models import TaskState

    record_consent(user=approver, language="fr")
    state = submit(make_plan(cohort=world["cohort"]), trainer).current_task_state
    TaskState.objects.filter(pk=state.pk).update(started_at=NOW - timedelta(days=2))
    _send(NOW)
    assert not Notification.objects.filter(trigger="plan_awaiting_approval").exists()
    _send(NOW + timedelta(days=1, minutes=1))
    _send(NOW + timedelta(days=2))
    reminder = Notification.objects.get(trigger="plan_awaiting_approval")
    assert reminder.recipient == approver and f"/approvals/{state.pk}/" in reminder.link

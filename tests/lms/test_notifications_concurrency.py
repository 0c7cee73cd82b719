"""Two `send_notifications` at once on PostgreSQL (two timers, two instances), and two workers
handed the same messages: each e-mail once."""

import time
from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command

from home.roles import Role
from home.site_tree import ensure_home_page
from lms.models import DeliveryStatus, Notification
from lms.notifications.outbox import claim_due, collect, send_claimed
from lms.privacy.consent import record_consent
from tests.assessments.test_concurrency_attempts import run_together
from tests.factories.assessments import make_quiz
from tests.factories.courses import enrol, make_course

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=ZoneInfo("Africa/Tunis"))

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _cohort_with_a_quiz_due(make_user, *, people: int):
    ensure_home_page()
    course = make_course(modules=1, lessons=1)
    make_quiz(course.get_children().first(), closes_at=NOW + timedelta(days=2))
    found = [make_user(Role.TRAINEE, username=f"p{n}") for n in range(people)]
    cohort = enrol(found[0], course)
    for person in found:
        cohort.trainees.add(person)
        record_consent(user=person, language="fr")
    return found


def test_two_commands_at_once_send_each_message_once(make_user):
    people = _cohort_with_a_quiz_due(make_user, people=6)

    def run():
        with time_machine.travel(NOW, tick=False):
            call_command("send_notifications", stdout=StringIO())
        return True

    results = run_together(4, run)
    assert results == [True] * 4
    assert sorted(message.to[0] for message in mail.outbox) == sorted(p.email for p in people)
    assert Notification.objects.filter(status=DeliveryStatus.SENT).count() == len(people)


def test_two_workers_handed_the_same_messages_send_them_once(make_user, monkeypatch):
    """A claim outlives its timeout when the worker is down: the next check claims the messages again
    and queues them a second time. Two workers that then run both jobs at once (the worker may run on
    every instance) must not both send: the first holds the messages until they are sent."""
    people = _cohort_with_a_quiz_due(make_user, people=2)
    collect(now=NOW)
    ids = [n.pk for n in claim_due(now=NOW)]
    assert len(ids) == len(people)
    slow_send = EmailMultiAlternatives.send

    def send_slowly(self, *args, **kwargs):  # an SMTP server that takes its time
        time.sleep(0.5)
        return slow_send(self, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", send_slowly)
    later = NOW + timedelta(minutes=16)
    results = run_together(2, lambda: sum(send_claimed(ids=[pk], now=later) for pk in ids))
    assert sum(results) == len(people)  # between them, each message once
    assert sorted(message.to[0] for message in mail.outbox) == sorted(p.email for p in people)
    assert Notification.objects.filter(status=DeliveryStatus.SENT).count() == len(people)

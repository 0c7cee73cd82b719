"""Two `send_notifications` at once on PostgreSQL (two timers, two instances): each e-mail once."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from home.roles import Role
from home.site_tree import ensure_home_page
from lms.models import DeliveryStatus, Notification
from lms.privacy.consent import record_consent
from tests.assessments.test_concurrency_attempts import run_together
from tests.factories.assessments import make_quiz
from tests.factories.courses import enrol, make_course

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=ZoneInfo("Africa/Tunis"))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_commands_at_once_send_each_message_once(make_user):
    ensure_home_page()
    course = make_course(modules=1, lessons=1)
    make_quiz(course.get_children().first(), closes_at=NOW + timedelta(days=2))
    people = [make_user(Role.TRAINEE, username=f"p{n}") for n in range(6)]
    cohort = enrol(people[0], course)
    for person in people:
        cohort.trainees.add(person)
        record_consent(user=person, language="fr")

    def run():
        with time_machine.travel(NOW, tick=False):
            call_command("send_notifications", stdout=StringIO())
        return True

    results = run_together(4, run)
    assert results == [True] * 4
    assert sorted(message.to[0] for message in mail.outbox) == sorted(p.email for p in people)
    assert Notification.objects.filter(status=DeliveryStatus.SENT).count() == len(people)

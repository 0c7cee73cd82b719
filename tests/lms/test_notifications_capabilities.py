"""The assignments' and the check-ins' reminders (issue 22) under a frozen clock: each once, never to
someone who handed the work in or gave the check-in, never for feedback still in draft; in the
recipient's language; and their dates in the personal iCal feed, in Tunis time."""

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar
from wagtail.users.models import UserProfile

from assessments import assignments as rules
from assessments.models.assignments import Decision
from home.roles import Role
from lms.followup.checkins import due_on
from lms.models import Notification
from lms.notifications.preferences import issue_calendar_token
from lms.privacy.consent import record_consent
from tests.factories.assignments import make_assignment
from tests.factories.courses import enrol, make_course
from tests.factories.followup import check_in, commit, held_workshop

TUNIS = ZoneInfo("Africa/Tunis")
NOW = datetime(2026, 1, 5, 9, 0, tzinfo=TUNIS)  # Monday 5 January 2026, 9:00 in Tunis
DUE = NOW + timedelta(days=2, hours=20)  # Thursday 8 January, 5:00


def _send(now):
    with time_machine.travel(now, tick=False):
        call_command("send_notifications", stdout=StringIO())


def _to(user, trigger=None):
    sent = [message for message in mail.outbox if message.to == [user.email]]
    if trigger is None:
        return sent
    mine = Notification.objects.filter(recipient=user, trigger=trigger)
    subjects = set(mine.values_list("subject", flat=True))
    return [message for message in sent if message.subject in subjects]


def _arabic(user):
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(preferred_language="ar")


def _hand_in(user, assignment, *, now):
    rules.save_draft(user=user, assignment=assignment, text="Ma note de plaidoyer", now=now)
    return rules.submit(user=user, assignment=assignment, now=now)


def _feedback(version, trainer, assignment, *, decision, release, now):
    marks = {c.pk: rules.MarkInput(level=3) for c in assignment.criteria.all()}
    return rules.save_feedback(
        version=version, reviewer=trainer, marks=marks, decision=decision, release=release, now=now
    )


@pytest.fixture
def class_world(site_tree, make_user, trainer):
    course = make_course(modules=1, lessons=1)
    assignment = make_assignment(course.get_children().first(), criteria=2, due_at=DUE)
    people = {
        name: make_user(Role.TRAINEE, username=name, first_name=name.title(), last_name="Ben Ali")
        for name in ("salma", "hedi", "done", "returned")
    }
    _arabic(people["hedi"])
    cohort = enrol(people["salma"], course)
    for person in people.values():
        enrol(person, course, cohort=cohort)
        record_consent(user=person, language="fr")
    before = NOW - timedelta(days=3)
    _hand_in(people["done"], assignment, now=before)
    returned = _hand_in(people["returned"], assignment, now=before)
    _feedback(returned, trainer, assignment, decision=Decision.RETURN, release=True, now=before)
    return {"course": course, "assignment": assignment, "trainer": trainer, **people}


def test_assignment_due_in_three_days_then_one_day_to_those_who_owe_work(class_world):
    world = class_world
    _send(NOW)
    _send(NOW)  # the command twice: nothing more
    due = Notification.objects.filter(trigger="assignment_due")
    assert {n.recipient.username for n in due} == {"salma", "hedi", "returned"}
    assert set(due.values_list("occasion", flat=True)) == {"3d"}
    _send(NOW + timedelta(days=2))  # 20 hours left: the "1 day" reminder
    _send(NOW + timedelta(days=2, minutes=15))
    assert due.filter(occasion="1d").count() == 3
    _send(DUE + timedelta(minutes=1))  # past the due date: nothing
    assert due.all().count() == 6
    assert len(_to(world["salma"], "assignment_due")) == 2
    assert _to(world["done"], "assignment_due") == []


def test_assignment_reminder_in_the_recipients_language_with_tunisian_dates(class_world):
    _send(NOW)
    french = _to(class_world["salma"], "assignment_due")[0]
    arabic = _to(class_world["hedi"], "assignment_due")[0]
    assert "travail" in french.subject and "8 janvier 2026 à 5 h 00" in french.body
    assert "العمل التطبيقي" in arabic.subject
    assert "8 جانفي 2026" in arabic.body and "عمل" in arabic.body
    assert 'lang="ar" dir="rtl"' in arabic.alternatives[0][0]
    assert "/my/notifications/" in french.body and "/my/notifications/" in arabic.body


def test_feedback_returned_only_once_released_once_each(class_world):
    world, assignment = class_world, class_world["assignment"]
    mail.outbox.clear()
    Notification.objects.all().delete()
    salma_version = _hand_in(world["salma"], assignment, now=NOW - timedelta(hours=2))
    hedi_version = _hand_in(world["hedi"], assignment, now=NOW - timedelta(hours=2))
    _feedback(salma_version, world["trainer"], assignment, decision="", release=False, now=NOW)
    _send(NOW + timedelta(minutes=5))
    feedback = Notification.objects.filter(trigger="feedback_returned")
    # A draft says nothing; only the feedback released three days ago (returned for revision) is told.
    assert [n.recipient.username for n in feedback] == ["returned"]
    _feedback(salma_version, world["trainer"], assignment, decision=Decision.ACCEPT, release=True, now=NOW)
    _feedback(hedi_version, world["trainer"], assignment, decision=Decision.RETURN, release=True, now=NOW)
    _send(NOW + timedelta(minutes=10))
    _send(NOW + timedelta(minutes=20))
    assert sorted(n.recipient.username for n in feedback.all()) == ["hedi", "returned", "salma"]
    (accepted,) = _to(world["salma"], "feedback_returned")
    assert "accepté" in accepted.subject and "version 1" in accepted.body
    (returned,) = _to(world["hedi"], "feedback_returned")
    assert "للمراجعة" in returned.subject and 'dir="rtl"' in returned.alternatives[0][0]


# Check-ins: a workshop held on Wednesday 10 December 2025; its four-week check-in falls on
# Wednesday 7 January 2026, two days after NOW.
WORKSHOP_AT = datetime(2025, 12, 10, 9, 0, tzinfo=TUNIS)


@pytest.fixture
def follow_world(site_tree, make_user):
    workshop, people, competences = held_workshop(make_user, trainees=3, starts_at=WORKSHOP_AT)
    for person in people:
        record_consent(user=person, language="fr")
    _arabic(people[1])
    commitments = [commit(person, workshop, competences[0]) for person in people]
    return {"workshop": workshop, "people": people, "commitments": commitments}


def test_check_in_due_in_three_days_then_one_day_not_once_given(follow_world):
    people, commitments = follow_world["people"], follow_world["commitments"]
    assert due_on(workshop_starts_at=WORKSHOP_AT, milestone="4w") == date(2026, 1, 7)
    check_in(commitments[2], "4w", now=NOW - timedelta(hours=1))  # given already
    _send(NOW)
    _send(NOW + timedelta(minutes=5))
    due = Notification.objects.filter(trigger="checkin_due")
    assert sorted(n.recipient_id for n in due) == sorted([people[0].pk, people[1].pk])
    assert set(due.values_list("occasion", flat=True)) == {"3d"}
    _send(datetime(2026, 1, 6, 7, 0, tzinfo=TUNIS))  # the day before: "1 day"
    _send(datetime(2026, 1, 6, 18, 0, tzinfo=TUNIS))
    _send(datetime(2026, 1, 7, 9, 0, tzinfo=TUNIS))  # the day itself: nothing more
    assert due.filter(occasion="1d").count() == 2 and due.all().count() == 4
    assert _to(people[2], "checkin_due") == []
    french = _to(people[0], "checkin_due")[0]
    arabic = _to(people[1], "checkin_due")[0]
    assert "point de suivi" in french.subject and "7 janvier 2026" in french.body
    assert "نقطة المتابعة" in arabic.subject and "7 جانفي 2026" in arabic.body
    assert "/my/follow-up/commitments/" in french.body


def _feed(client, user) -> dict:
    token = issue_calendar_token(user=user)
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    return {str(event["uid"]): event for event in Calendar.from_ical(response.content).walk("VEVENT")}


def test_the_feed_holds_assignment_due_dates_and_check_ins_in_tunis_time(client, class_world, follow_world):
    assignment = class_world["assignment"]
    with time_machine.travel(NOW, tick=False):
        events = _feed(client, class_world["hedi"])
        entry = events[f"assignment-{assignment.pk}@tounesna"]
        assert entry.decoded("dtend") == DUE and entry["dtend"].params["TZID"] == "Africa/Tunis"
        assert "العمل التطبيقي" in str(entry["summary"])
        # Work handed in is no longer due: not in that person's feed.
        assert f"assignment-{assignment.pk}@tounesna" not in _feed(client, class_world["done"])

        trainee = follow_world["people"][1]  # reads Arabic
        commitment = follow_world["commitments"][1]
        events = _feed(client, trainee)
        four_weeks = events[f"checkin-{commitment.pk}-4w@tounesna"]
        assert four_weeks.decoded("dtstart") == date(2026, 1, 7)
        assert four_weeks.decoded("dtend") == date(2026, 1, 8)
        assert "نقطة المتابعة" in str(four_weeks["summary"])
        assert events[f"checkin-{commitment.pk}-6m@tounesna"].decoded("dtstart") == date(2026, 6, 10)
        check_in(commitment, "4w", now=NOW)
        assert f"checkin-{commitment.pk}-4w@tounesna" not in _feed(client, trainee)


def _feed_queries(client, token) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/calendar/{token}.ics").status_code == 200
    return len(queries)


def test_the_feed_reads_in_constant_queries(client, class_world, follow_world):
    """One more assignment or commitment adds events, never queries."""
    trainee, workshop = follow_world["people"][0], follow_world["workshop"]
    module = class_world["course"].get_children().first()
    enrol(trainee, class_world["course"])
    competences = list(workshop.plan.target_competences.all())
    with time_machine.travel(NOW, tick=False):
        token = issue_calendar_token(user=trainee)
        _feed_queries(client, token)  # caches warmed (site root, translations)
        few = _feed_queries(client, token)
        for competence in competences[1:]:
            commit(trainee, workshop, competence, action=f"Action {competence.pk}")
        for _n in range(2):
            make_assignment(module, criteria=1, due_at=DUE + timedelta(days=_n))
        _feed_queries(client, token)  # the site, read again once after pages are saved
        many = _feed_queries(client, token)
        events = _feed(client, trainee)
    assert sum(uid.startswith("assignment-") for uid in events) == 3
    assert sum(uid.startswith("checkin-") for uid in events) == 9
    assert few == many

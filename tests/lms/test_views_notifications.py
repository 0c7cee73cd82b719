"""The preferences page, the calendar files and feed, and the trainer's notification pages."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from home.roles import Role
from lms.models import DeliveryStatus, Frequency, Notification, NotificationPreference
from tests.conftest import translated
from tests.factories.assessments import make_quiz
from tests.factories.assignments import make_assignment
from tests.factories.courses import enrol, make_course
from tests.factories.notifications import answered_by_one_of_two
from tests.factories.plans import make_plan
from tests.paths import path_to

TUNIS = ZoneInfo("Africa/Tunis")


@pytest.fixture
def cohort_world(site_tree, trainee, make_user):
    course = make_course(modules=1, lessons=1)
    cohort = enrol(trainee, course)
    starts = timezone.now().astimezone(TUNIS).replace(microsecond=0, second=0) + timedelta(days=10)
    plan = make_plan(cohort=cohort, live=True, starts=[starts])
    quiz = make_quiz(course.get_children().first(), closes_at=starts + timedelta(days=1))
    return {"course": course, "cohort": cohort, "plan": plan, "workshop": plan.workshops.get(), "quiz": quiz}


def _events(content: bytes) -> list:
    return Calendar.from_ical(content).walk("VEVENT")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_preferences_are_saved_and_refused_atomically(client, trainee, language):
    client.force_login(trainee)
    url = f"/{language}/my/notifications/"
    page = client.get(url)
    assert page.status_code == 200 and 'name="frequency"' in page.content.decode()
    refused = client.post(
        url, {"email_enabled": "on", "frequency": "hourly", "digest_day": "9", "language": "xx"}
    )
    assert refused.status_code == 200
    body = refused.content.decode()
    assert translated("Choose when you receive the e-mails.", language) in body
    assert translated("Choose a day of the week.", language) in body
    assert not NotificationPreference.objects.filter(user=trainee).exists()
    saved = client.post(url, {"frequency": Frequency.WEEKLY, "digest_day": "3", "language": "ar"})
    assert saved.status_code == 302
    preference = NotificationPreference.objects.get(user=trainee)
    assert (preference.email_enabled, preference.frequency, preference.digest_day, preference.language) == (
        False,
        Frequency.WEEKLY,
        3,
        "ar",
    )


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_add_a_workshop_to_the_calendar(client, trainee, cohort_world, language):
    client.force_login(trainee)
    plan_page = client.get(cohort_world["plan"].get_url() if language == "fr" else cohort_world["plan"].url)
    workshop = cohort_world["workshop"]
    assert f"/my/workshops/{workshop.pk}.ics" in plan_page.content.decode()
    response = client.get(f"/{language}/my/workshops/{workshop.pk}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    (event,) = _events(response.content)
    assert event.decoded("dtstart") == workshop.starts_at
    assert str(event.decoded("dtstart").tzinfo) == "Africa/Tunis"
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(hours=6)
    assert str(event["summary"]) == {"fr": "Atelier 1", "ar": "ورشة 1"}[language]


def test_a_workshop_of_another_cohort_is_not_offered(client, make_user, cohort_world):
    outsider = make_user(Role.TRAINEE, username="outsider")
    client.force_login(outsider)
    assert client.get(path_to("lms:workshop_ics", workshop_id=cohort_world["workshop"].pk)).status_code == 404


def test_personal_feed_in_the_persons_language_then_revoked(client, trainee, cohort_world):
    client.force_login(trainee)
    client.post(
        path_to("lms:notification_preferences"),
        {"email_enabled": "on", "frequency": "immediate", "digest_day": "0", "language": "ar"},
    )
    client.post(path_to("lms:calendar_new_address"))
    token = NotificationPreference.objects.get(user=trainee).calendar_token
    assert token and token in client.get(path_to("lms:notification_preferences")).content.decode()
    client.logout()
    feed = client.get(f"/calendar/{token}.ics")
    assert feed.status_code == 200
    events = {str(event["uid"]): event for event in _events(feed.content)}
    workshop = events[f"workshop-{cohort_world['workshop'].pk}@tounesna"]
    assert (
        str(workshop["summary"]) == "ورشة 1"
        and workshop.decoded("dtstart") == cohort_world["workshop"].starts_at
    )
    quiz = events[f"quiz-{cohort_world['quiz'].pk}@tounesna"]
    assert quiz.decoded("dtend") == cohort_world["quiz"].closes_at
    assert "اختبار" in str(quiz["summary"])
    client.force_login(trainee)
    client.post(path_to("lms:calendar_new_address"))  # a new address: the old one stops working
    assert client.get(f"/calendar/{token}.ics").status_code == 404
    current = NotificationPreference.objects.get(user=trainee).calendar_token
    assert client.get(f"/calendar/{current}.ics").status_code == 200
    client.post(path_to("lms:calendar_revoke"))  # no address at all: the last one stops too
    assert client.get(f"/calendar/{current}.ics").status_code == 404
    assert NotificationPreference.objects.get(user=trainee).calendar_token is None
    assert client.get("/calendar/.ics").status_code == 404
    assert current not in client.get(path_to("lms:notification_preferences")).content.decode()


def test_weekly_summary_in_both_languages_with_short_links(client, trainer, cohort_world):
    client.force_login(trainer)
    cohort_world["workshop"].starts_at = timezone.now() + timedelta(days=2)
    cohort_world["workshop"].save()
    module = cohort_world["course"].get_children().first()
    due = make_assignment(module, criteria=1, due_at=timezone.now() + timedelta(days=3))
    make_assignment(module, criteria=1, due_at=timezone.now() + timedelta(days=9))  # next week's
    summary = path_to("lms_weekly_summary", query={"cohort": cohort_world["cohort"].pk})
    body = client.get(summary).content.decode()
    assert 'lang="ar" dir="rtl"' in body and 'lang="fr" dir="ltr"' in body
    assert "Atelier « Atelier 1 »" in body and "الورشة «ورشة 1»" in body
    # The week's work to hand in, and only this week's.
    assert f"Travail « {due.title_fr} » à remettre avant le" in body
    assert f"العمل التطبيقي «{due.title_ar}» للتسليم قبل" in body
    assert body.count("à remettre avant le") == 1
    plan_id = cohort_world["plan"].pk
    # Each link alone on its line, ending in a digit: a final "/" would be drawn before the
    # address in a right-to-left message ("/http://…/ar/go/12").
    page = BeautifulSoup(body, "html.parser")
    for language in ("fr", "ar"):
        text = page.find("textarea", id=f"summary-{language}").get_text()
        assert re.search(rf"^\s*http://\S+/{language}/go/{plan_id}$", text, re.M), text
    client.logout()
    assert client.get(path_to("lms:short_link", language="ar", page_id=plan_id))["Location"].startswith(
        "/ar/"
    )
    assert client.get(f"/ar/go/{plan_id}/")["Location"].startswith("/ar/")  # as pasted before


def _summary_queries(client, cohort) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path_to("lms_weekly_summary", query={"cohort": cohort.pk}))
    assert response.status_code == 200
    return len(queries)


def test_the_weekly_summary_reads_in_constant_queries(client, trainer, cohort_world):
    """More workshops, quizzes and assignments in the week add lines, never queries."""
    client.force_login(trainer)
    cohort, module = cohort_world["cohort"], cohort_world["course"].get_children().first()
    soon = timezone.now() + timedelta(days=2)
    make_assignment(module, criteria=1, due_at=soon)
    _summary_queries(client, cohort)  # the site, read once after pages are saved
    few = _summary_queries(client, cohort)
    for n in range(3):
        make_assignment(module, criteria=1, due_at=soon + timedelta(hours=n))
        make_quiz(module, closes_at=soon + timedelta(hours=n))
    make_plan(cohort=cohort, live=True, starts=[soon + timedelta(hours=n) for n in range(3)])
    _summary_queries(client, cohort)
    many = _summary_queries(client, cohort)
    body = client.get(path_to("lms_weekly_summary", query={"cohort": cohort.pk})).content.decode()
    assert body.count("à remettre avant le") == 4 and body.count("à passer avant le") == 3
    assert few == many


def test_trainer_reminds_only_those_who_have_not_answered(client, trainer, trainee, make_user, site_tree):
    questionnaire = answered_by_one_of_two(trainee=trainee, make_user=make_user)
    client.force_login(trainer)
    remind = path_to("lms_notification_remind", questionnaire_id=questionnaire.pk)
    page = client.get(remind).content.decode()
    assert "Amira" in page and "answered" not in page
    client.post(remind)
    client.post(remind)  # twice the same day: once
    assert [message.to for message in mail.outbox] == [[trainee.email]]


def _outbox_queries(client, count: int, people) -> int:
    for n in range(count):
        Notification.objects.create(
            recipient=people[n % len(people)],
            trigger="quiz_due",
            object_key=f"quiz:{n}",
            occasion="1d",
            language="fr",
            subject=f"Sujet {n}",
            body_text="x",
            body_html="x",
            status=DeliveryStatus.FAILED if n % 2 else DeliveryStatus.SENT,
            last_error="SMTPServerDisconnected: down",
            sent_at=timezone.now(),
        )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path_to("lms_notification_outbox"))
    assert response.status_code == 200
    return len(queries)


def test_the_trainer_sees_failed_e_mails_in_constant_queries(client, trainer, make_user):
    people = [make_user(Role.TRAINEE) for _ in range(3)]
    client.force_login(trainer)
    client.get(path_to("lms_notification_outbox"))  # the site, read once and then from the cache
    few = _outbox_queries(client, 2, people)
    Notification.objects.all().delete()
    many = _outbox_queries(client, 12, people)
    assert few == many
    body = client.get(path_to("lms_notification_outbox")).content.decode()
    assert "SMTPServerDisconnected" in body and translated("Failed") in body
    failed = list(Notification.objects.filter(status=DeliveryStatus.FAILED).values_list("pk", flat=True))
    client.post(path_to("lms_notification_retry"), {"notification": [str(pk) for pk in failed]})
    assert not Notification.objects.filter(status=DeliveryStatus.FAILED).exists()


def test_dates_in_the_feed_are_tunis_time(cohort_world, trainee):
    from lms.notifications.calendar import workshop_calendar

    cohort_world["workshop"].starts_at = datetime(2026, 7, 1, 9, 30, tzinfo=TUNIS)
    (event,) = _events(workshop_calendar(workshop=cohort_world["workshop"]).encode())
    assert event["dtstart"].to_ical() == b"20260701T093000"
    assert event["dtstart"].params["TZID"] == "Africa/Tunis"

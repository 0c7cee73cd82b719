"""Every message the platform sends (issue 22), read as its recipient reads it: one world where every
registered trigger fires at a frozen moment, for a reader of French and a reader of Arabic. Each
e-mail is in its recipient's language (subject, text and HTML with its direction), gives its dates
as Tunisian administration writes them, links to the preferences, and none quotes an answer of an
anonymous questionnaire."""

import re
from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar
from wagtail.models import TaskState
from wagtail.users.models import UserProfile

from assessments import assignments as rules
from assessments.models.assignments import Decision
from assessments.questionnaires import ItemValue, submit_response
from home.languages import language_codes
from home.roles import Role
from lms.certificates.issuing import new_code
from lms.models import Certificate, Notification
from lms.notifications.builtin import QuestionnaireReminder
from lms.notifications.outbox import record_all
from lms.notifications.triggers import all_triggers
from lms.privacy.consent import record_consent
from tests.factories.assessments import make_quiz
from tests.factories.assignments import make_assignment
from tests.factories.courses import enrol, make_course
from tests.factories.followup import commit, held_workshop
from tests.factories.plans import make_plan, submit
from tests.factories.questionnaires import make_questionnaire

TUNIS = ZoneInfo("Africa/Tunis")
NOW = datetime(2026, 1, 5, 9, 0, tzinfo=TUNIS)  # Monday 5 January 2026, 9:00 in Tunis
DUE = NOW + timedelta(days=2, hours=20)  # Thursday 8 January, 5:00: "in 3 days"
WORKSHOP = NOW + timedelta(hours=20)  # Tuesday 6 January, 5:00: "in 1 day"
HELD = datetime(2025, 12, 10, 9, 0, tzinfo=TUNIS)  # its four-week check-in: Wednesday 7 January
SECRET = "RÉPONSE-ANONYME-7319"

# The date each message states, as Tunisian administration writes it in each language (feedback
# released states none).
DATES = {
    "feedback_returned": {"fr": "", "ar": ""},
    "quiz_due": {"fr": "8 janvier 2026 à 5 h 00", "ar": "8 جانفي 2026، الساعة 05:00"},
    "assignment_due": {"fr": "8 janvier 2026 à 5 h 00", "ar": "8 جانفي 2026، الساعة 05:00"},
    "checkin_due": {"fr": "7 janvier 2026", "ar": "7 جانفي 2026"},
    "workshop_soon": {"fr": "6 janvier 2026 à 5 h 00", "ar": "6 جانفي 2026، الساعة 05:00"},
    "certificate_issued": {"fr": "5 janvier 2026", "ar": "5 جانفي 2026"},
    "plan_awaiting_approval": {"fr": "1 janvier 2026", "ar": "1 جانفي 2026"},
    "questionnaire_opened": {"fr": "31 janvier 2026 à 18 h 00", "ar": "31 جانفي 2026، الساعة 18:00"},
    "questionnaire_reminder": {"fr": "31 janvier 2026 à 18 h 00", "ar": "31 جانفي 2026، الساعة 18:00"},
}
ARABIC_LETTERS = re.compile(r"[\u0600-\u06ff]")
EASTERN_DIGITS = re.compile(r"[\u0660-\u0669\u06f0-\u06f9]")
# Month names of the Mashriq and English: Tunisia writes جانفي, فيفري, أفريل, ماي, جوان, جويلية, أوت.
FOREIGN_MONTHS = ["يناير", "فبراير", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "January", "February"]
ENGLISH = ["the ", "your ", "you ", " has ", " will ", "Dear", "Yours", "due", "reminder"]
URL = re.compile(r"https?://\S+")

pytestmark = pytest.mark.django_db


def _reads_arabic(user):
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(preferred_language="ar")


def _hand_in(user, assignment, *, now):
    rules.save_draft(user=user, assignment=assignment, text="Ma note de plaidoyer", now=now)
    return rules.submit(user=user, assignment=assignment, now=now)


def _release(version, trainer, assignment, *, decision):
    marks = {c.pk: rules.MarkInput(level=3) for c in assignment.criteria.all()}
    rules.save_feedback(
        version=version, reviewer=trainer, marks=marks, decision=decision, release=True, now=NOW
    )


def _certificate(user):
    return Certificate.objects.create(
        code=new_code(),
        user=user,
        holder_name=user.get_full_name(),
        title_fr="Plaidoyer",
        title_ar="المناصرة",
        completed_on=NOW.date(),
        issued_on=NOW.date(),
    )


@pytest.fixture(scope="module")
def sent(django_db_setup, django_db_blocker):
    """Every trigger fired once at NOW and the e-mails sent, built once for the module and rolled
    back after it."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction

    from home.roles import ensure_groups
    from home.site_tree import ensure_home_page

    def make_user(role, *, username=None, **fields):
        name = username or f"reader{get_user_model().objects.count() + 1}"
        user = get_user_model().objects.create_user(username=name, email=f"{name}@example.org", **fields)
        user.groups.add(Group.objects.get(name=role.value))
        return user

    with django_db_blocker.unblock(), transaction.atomic():
        ensure_home_page()
        ensure_groups()
        with time_machine.travel(NOW, tick=False):
            built = _build_and_send(make_user)
        yield built
        transaction.set_rollback(True)


def _build_and_send(make_user) -> dict:
    mail.outbox = []
    workshop, people, competences = held_workshop(make_user, trainees=3, starts_at=HELD)
    french, arabic, answerer = people
    _reads_arabic(arabic)
    trainer = make_user(Role.TRAINER, username="trainer-all", first_name="Karim", last_name="Belhadj")
    approvers = [make_user(Role.OTE_APPROVER, username=f"approver-{n}") for n in ("fr", "ar")]
    _reads_arabic(approvers[1])
    for person in [*people, *approvers]:
        record_consent(user=person, language="fr")
    cohort = workshop.plan.cohort
    course = make_course(modules=1, lessons=1)
    module = course.get_children().first()
    for person in people:
        enrol(person, course, cohort=cohort)

    make_quiz(module, closes_at=DUE)
    make_assignment(module, criteria=1, due_at=DUE)
    reviewed = make_assignment(module, criteria=1, due_at=NOW + timedelta(days=30))
    for person, decision in ((french, Decision.RETURN), (arabic, Decision.ACCEPT)):
        version = _hand_in(person, reviewed, now=NOW - timedelta(days=1))
        _release(version, trainer, reviewed, decision=decision)
    for person in (french, arabic):
        commit(person, workshop, competences[0])
        _certificate(person)
    make_plan(cohort=cohort, live=True, starts=[WORKSHOP])
    waiting = submit(make_plan(cohort=cohort), trainer).current_task_state
    TaskState.objects.filter(pk=waiting.pk).update(started_at=datetime(2026, 1, 1, 10, 0, tzinfo=TUNIS))

    questionnaire = make_questionnaire(
        anonymity="anonymous",
        cohort=cohort,
        opens_at=NOW - timedelta(days=2),
        closes_at=datetime(2026, 1, 31, 18, 0, tzinfo=TUNIS),
    )
    free_text = questionnaire.items.get(kind="text")
    submit_response(user=answerer, questionnaire=questionnaire, values={free_text.pk: ItemValue(text=SECRET)})

    mail.outbox = []  # Wagtail's own workflow e-mails (the plan submitted) are not ours
    reminder = QuestionnaireReminder()  # the trainer's "remind those who have not answered"
    record_all(
        trigger=reminder,
        occurrences=reminder.for_questionnaire(questionnaire=questionnaire, today=NOW.date()),
        now=NOW,
    )
    call_command("send_notifications", stdout=StringIO())
    readers = {french: "fr", arabic: "ar", answerer: "fr", approvers[0]: "fr", approvers[1]: "ar"}
    return {
        "language": {person.email: language for person, language in readers.items()},
        "answerer": answerer,
        "messages": list(mail.outbox),
        "notifications": list(Notification.objects.select_related("recipient")),
    }


def _html(message) -> str:
    ((html, kind),) = message.alternatives
    assert kind == "text/html"
    return html


def _words(text: str) -> str:
    return URL.sub("", text)


def test_every_trigger_sent_in_french_and_in_arabic(sent):
    expected = {found.key for found in all_triggers()}
    said = {(n.trigger, n.language) for n in sent["notifications"] if n.status == "sent"}
    assert {trigger for trigger, _language in said} == expected
    missing = [
        (key, language) for key in expected for language in language_codes() if (key, language) not in said
    ]
    assert missing == []
    assert len(sent["messages"]) == len(sent["notifications"])  # each e-mail once, nothing held


def test_each_e_mail_in_its_recipients_language_and_direction(sent):
    for message in sent["messages"]:
        language = sent["language"][message.to[0]]
        page = BeautifulSoup(_html(message), "html.parser")
        html = page.find("html")
        assert (html["lang"], html["dir"]) == (language, "rtl" if language == "ar" else "ltr"), (
            message.subject
        )
        words = _words(message.subject + "\n" + message.body + "\n" + page.get_text(" "))
        assert not [word for word in ENGLISH if word in words], message.subject  # none left untranslated
        if language == "ar":
            assert ARABIC_LETTERS.search(message.subject), message.subject
        else:
            assert not ARABIC_LETTERS.search(words), message.subject


def test_dates_as_tunisian_administration_writes_them(sent):
    for notification in sent["notifications"]:
        expected = DATES[notification.trigger][notification.language]
        assert expected in notification.body_text, (notification.trigger, notification.language)
        assert expected in BeautifulSoup(notification.body_html, "html.parser").get_text(), (
            notification.trigger
        )
    for message in sent["messages"]:
        text = message.subject + message.body + _html(message)
        assert not EASTERN_DIGITS.search(text) and not [m for m in FOREIGN_MONTHS if m in text]


def test_every_e_mail_links_to_the_preferences_in_its_language(sent):
    for message in sent["messages"]:
        path = f"/{sent['language'][message.to[0]]}/my/notifications/"
        assert path in message.body, message.subject
        # In the plain text each address stands alone on its line: inside an Arabic sentence its
        # final "/" would be drawn before it ("/http://…").
        lines = [line for line in message.body.splitlines() if "http" in line]
        assert lines and all(URL.fullmatch(line.strip()) for line in lines), message.subject
        links = BeautifulSoup(_html(message), "html.parser").find_all("a", href=re.compile(re.escape(path)))
        assert links, message.subject


def test_no_message_quotes_an_anonymous_answer(sent):
    for message in sent["messages"]:
        attachments = "".join(str(content) for _name, content, _kind in message.attachments)
        assert SECRET not in message.subject + message.body + _html(message) + attachments
    for notification in sent["notifications"]:
        assert SECRET not in notification.subject + notification.body_text + notification.body_html
    # The one who answered is not reminded, nor told the questionnaire opened.
    told = {n.trigger for n in sent["notifications"] if n.recipient == sent["answerer"]}
    assert not told & {"questionnaire_opened", "questionnaire_reminder"}


def test_the_workshop_on_the_next_day_comes_with_its_calendar_file(sent):
    reminders = [n for n in sent["notifications"] if n.trigger == "workshop_soon"]
    assert {n.occasion for n in reminders} == {"1d"}
    for notification in reminders:
        (event,) = Calendar.from_ical(notification.attachment_ics).walk("VEVENT")
        assert event.decoded("dtstart") == WORKSHOP
        assert str(event["summary"]) == {"fr": "Atelier 1", "ar": "ورشة 1"}[notification.language]
    # The certificate's day is told, and told once each.
    issued = [n for n in sent["notifications"] if n.trigger == "certificate_issued"]
    assert sorted(n.language for n in issued) == ["ar", "fr"]
    assert date(2026, 1, 5).isoformat() not in "".join(n.body_text for n in issued)

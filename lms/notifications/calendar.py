"""Calendars in iCalendar form: one workshop (the "add to calendar" file and the e-mail's
attachment) and each person's feed (workshops, due dates; other apps add theirs, e.g. check-ins,
with `register_calendar_source`). Times are in the Africa/Tunis time zone (`settings.TIME_ZONE`),
texts in the language active when they are built."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from assessments.models import Participation, QuestionnairePage, QuizPage
from assessments.questionnaires import meant_for
from courses.access import enrolled_courses

from ..models import Workshop
from ..training.plans import plans_of_trainee


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str = ""
    description: str = ""
    url: str = ""
    # A whole day (a check-in's date): `starts_at` is that day's midnight in Tunis, shown as a date.
    all_day: bool = False


CalendarSource = Callable[..., list[CalendarEntry]]
_sources: list[CalendarSource] = []


def register_calendar_source(source: CalendarSource) -> CalendarSource:
    """`source(*, user)` gives the person's entries (a check-in, an assignment's due date)."""
    _sources.append(source)
    return source


def absolute(path: str) -> str:
    if not path or path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def workshop_entry(workshop: Workshop) -> CalendarEntry:
    starts_at = workshop.starts_at
    return CalendarEntry(
        uid=f"workshop-{workshop.pk}@tounesna",
        title=workshop.title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=float(workshop.duration_hours or 0)),
        place=workshop.place,
        description=workshop.agenda,
        url=absolute(workshop.plan.get_url() or ""),
    )


def _calendar(entries: list[CalendarEntry], *, name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Tounesna Academy//OTE//")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("summary", entry.title)
        if entry.all_day:
            event.add("dtstart", timezone.localdate(entry.starts_at, _zone()))
            event.add("dtend", timezone.localdate(entry.ends_at, _zone()))
        else:
            event.add("dtstart", timezone.localtime(entry.starts_at, _zone()))
            event.add("dtend", timezone.localtime(entry.ends_at, _zone()))
        if entry.place:
            event.add("location", entry.place)
        if entry.description:
            event.add("description", entry.description)
        if entry.url:
            event.add("url", entry.url)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def workshop_calendar(*, workshop: Workshop) -> str:
    """One workshop as an .ics file."""
    return _calendar([workshop_entry(workshop)], name=workshop.title).to_ical().decode()


def in_enrolled_courses(*, user) -> Q | None:
    """The pages under the courses `user` is enrolled in (None when there are none)."""
    courses = enrolled_courses(user)
    if not courses:
        return None
    under = Q(pk__in=[])
    for course in courses:
        under |= Q(path__startswith=course.path)
    return under


def _quiz_entries(*, user) -> list[CalendarEntry]:
    under = in_enrolled_courses(user=user)
    if under is None:
        return []
    quizzes = QuizPage.objects.live().filter(under, closes_at__isnull=False).order_by("closes_at")
    return [
        CalendarEntry(
            uid=f"quiz-{quiz.pk}@tounesna",
            title=_("Quiz closes: %(title)s") % {"title": quiz.title},
            starts_at=quiz.closes_at - timedelta(minutes=30),
            ends_at=quiz.closes_at,
            url=absolute(quiz.get_url() or ""),
        )
        for quiz in quizzes
    ]


def _questionnaire_entries(*, user) -> list[CalendarEntry]:
    questionnaires = (
        QuestionnairePage.objects.live()
        .filter(meant_for(user=user), closes_at__isnull=False)
        .exclude(pk__in=Participation.objects.filter(user=user).values("questionnaire_id"))
        .order_by("closes_at")
    )
    return [
        CalendarEntry(
            uid=f"questionnaire-{questionnaire.pk}@tounesna",
            title=_("Questionnaire closes: %(title)s") % {"title": questionnaire.title},
            starts_at=questionnaire.closes_at - timedelta(minutes=30),
            ends_at=questionnaire.closes_at,
            url=absolute(questionnaire.get_url() or ""),
        )
        for questionnaire in questionnaires
    ]


def personal_entries(*, user) -> list[CalendarEntry]:
    workshops = Workshop.objects.filter(plan__in=plans_of_trainee(user=user)).select_related("plan")
    entries = [workshop_entry(workshop) for workshop in workshops.order_by("starts_at")]
    entries += _quiz_entries(user=user) + _questionnaire_entries(user=user)
    for source in _sources:
        entries += source(user=user)
    return sorted(entries, key=lambda entry: entry.starts_at)


def personal_calendar(*, user) -> str:
    return _calendar(personal_entries(user=user), name=_("Tounesna Academy")).to_ical().decode()

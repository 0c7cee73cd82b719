"""The outbox: recording each message once, and sending it in the background.

`record` inserts a message or skips it when its (recipient, trigger, object, occasion) is already
there (a unique constraint: two commands at once cannot both insert it). `dispatch` claims the
messages due with a conditional update (only one process wins each) and hands them to the worker
(`deliver`, a django-tasks task on the "notifications" queue). A failed send is retried later with
a growing delay, up to `NOTIFICATION_RETRY_LIMIT` attempts, then left as failed for the trainer
to see in the admin. A person who became unreachable (erased, no consent, e-mails off) gets
nothing: the message is withdrawn.
"""

import logging
from collections import defaultdict
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from ..models import DeliveryStatus, Frequency, Notification, NotificationPreference
from .calendar import absolute
from .preferences import language_of, preferences_of
from .recipients import is_reachable, reachable
from .triggers import Occurrence, Trigger, periodic_triggers

logger = logging.getLogger(__name__)

CLAIM_TIMEOUT = timedelta(minutes=15)  # a message claimed by a worker that died is claimed again
RETRY_DELAY = timedelta(minutes=5)  # doubled at each failed attempt
DIGEST_HOUR = time(8, 0)


def preferences_url() -> str:
    return absolute(reverse("lms:notification_preferences"))


def next_digest_moment(*, now: datetime, weekday: int) -> datetime:
    """The next `weekday` at 8:00 local time, from `now` (today if 8:00 has not passed)."""
    local = timezone.localtime(now)
    days = (weekday - local.weekday()) % 7
    moment = timezone.make_aware(datetime.combine(local.date() + timedelta(days=days), DIGEST_HOUR))
    return moment if moment >= now else moment + timedelta(days=7)


def render_message(*, template: str, context: dict, language: str) -> tuple[str, str, str]:
    """Subject, plain text and HTML of `template` in `language`."""
    with translation.override(language):
        subject = render_to_string(f"lms/notifications/{template}_subject.txt", context)
        text = render_to_string(f"lms/notifications/{template}.txt", context)
        html = render_to_string(f"lms/notifications/{template}.html", context)
    return " ".join(subject.split()), text.strip() + "\n", html


def record(*, trigger: Trigger, occurrence: Occurrence, now: datetime) -> Notification | None:
    """Record the message of `occurrence`, or None when it is already recorded (or the person is
    not reachable)."""
    key = {
        "recipient": occurrence.recipient,
        "trigger": trigger.key,
        "object_key": occurrence.object_key,
        "occasion": occurrence.occasion,
    }
    if Notification.objects.filter(**key).exists() or not is_reachable(occurrence.recipient):
        return None
    preference = preferences_of(user=occurrence.recipient)
    language = language_of(user=occurrence.recipient, preference=preference)
    with translation.override(language):
        link = absolute(occurrence.link() if callable(occurrence.link) else occurrence.link)
        ics = occurrence.ics() if occurrence.ics is not None else ""
        context = {
            **occurrence.context,
            "recipient": occurrence.recipient,
            "link": link,
            "preferences_url": preferences_url(),
        }
    subject, text, html = render_message(template=trigger.template, context=context, language=language)
    weekly = preference.frequency == Frequency.WEEKLY
    try:
        with transaction.atomic():
            return Notification.objects.create(
                **key,
                language=language,
                subject=subject[:300],
                body_text=text,
                body_html=html,
                link=link[:500],
                attachment_ics=ics,
                next_attempt_at=next_digest_moment(now=now, weekday=preference.digest_day) if weekly else now,
                created_at=now,
            )
    except IntegrityError:  # another process recorded it first
        return None


def record_all(*, trigger: Trigger, occurrences, now: datetime) -> int:
    return sum(record(trigger=trigger, occurrence=found, now=now) is not None for found in occurrences)


def collect(*, now: datetime) -> int:
    """Record every message the periodic triggers have due at `now`; how many were new."""
    return sum(
        record_all(trigger=found, occurrences=found.occurrences(now=now), now=now)
        for found in periodic_triggers()
    )


def _due(now: datetime) -> Q:
    return Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=now) | Q(
        status=DeliveryStatus.SENDING, next_attempt_at__lte=now
    )


def claim_due(*, now: datetime) -> list[Notification]:
    """The messages due at `now`, each claimed by this process alone (a conditional update)."""
    claimed = []
    for pk in Notification.objects.filter(_due(now)).order_by("pk").values_list("pk", flat=True):
        won = Notification.objects.filter(_due(now), pk=pk).update(
            status=DeliveryStatus.SENDING, next_attempt_at=now + CLAIM_TIMEOUT
        )
        if won:
            claimed.append(pk)
    return list(Notification.objects.filter(pk__in=claimed).order_by("pk"))


def dispatch(*, now: datetime) -> int:
    """Hand the due messages to the worker: one e-mail each, or one summary per person who chose
    the weekly summary. How many e-mails were handed over."""
    batches: dict[int, list[int]] = defaultdict(list)
    weekly = set(
        NotificationPreference.objects.filter(frequency=Frequency.WEEKLY).values_list("user_id", flat=True)
    )
    handed = 0
    for notification in claim_due(now=now):
        if notification.recipient_id in weekly:
            batches[notification.recipient_id].append(notification.pk)
        else:
            deliver.enqueue([notification.pk])
            handed += 1
    for ids in batches.values():
        deliver.enqueue(ids)
        handed += 1
    return handed


def _message(notifications: list[Notification]) -> EmailMultiAlternatives:
    first = notifications[0]
    if len(notifications) == 1:
        subject, text, html = first.subject, first.body_text, first.body_html
    else:
        with translation.override(first.language):
            address = preferences_url()
        context = {"recipient": first.recipient, "notifications": notifications, "preferences_url": address}
        subject, text, html = render_message(template="digest", context=context, language=first.language)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[first.recipient.email])
    message.attach_alternative(html, "text/html")
    for notification in notifications:
        if notification.attachment_ics:
            message.attach(
                f"{notification.object_key.replace(':', '-')}.ics",
                notification.attachment_ics,
                "text/calendar",
            )
    return message


def _failed(ids: list[int], *, error: Exception, now: datetime) -> None:
    for notification in Notification.objects.filter(pk__in=ids):
        notification.attempts += 1
        notification.last_error = f"{type(error).__name__}: {error}"[:300]
        if notification.attempts >= settings.NOTIFICATION_RETRY_LIMIT:
            notification.status = DeliveryStatus.FAILED
        else:
            notification.status = DeliveryStatus.PENDING
            notification.next_attempt_at = now + RETRY_DELAY * 2 ** (notification.attempts - 1)
        notification.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])


def send_claimed(*, ids: list[int], now: datetime) -> int:
    """Send the claimed messages `ids` (one person's) as one e-mail; how many were sent.

    The messages stay locked until they are marked sent (or failed): a second job handed the same
    messages (claimed again after `CLAIM_TIMEOUT`, run by another worker at the same moment) skips
    them instead of sending them again, and finds them sent once the first has finished."""
    with transaction.atomic():
        notifications = list(
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk__in=ids, status=DeliveryStatus.SENDING)
            .select_related("recipient")
            .order_by("created_at", "pk")
        )
        if not notifications:
            return 0
        pks = [n.pk for n in notifications]
        if not reachable().filter(pk=notifications[0].recipient_id).exists():
            Notification.objects.filter(pk__in=pks).update(status=DeliveryStatus.WITHDRAWN)
            return 0
        try:
            _message(notifications).send()
        except Exception as error:  # SMTP refused, timed out: kept for another attempt
            logger.warning("notification e-mail failed: %s", type(error).__name__)
            _failed(pks, error=error, now=now)
            return 0
        Notification.objects.filter(pk__in=pks).update(
            status=DeliveryStatus.SENT, sent_at=now, attempts=notifications[0].attempts + 1
        )
        return len(notifications)


@task(backend="notifications")
def deliver(notification_ids: list[int]) -> int:
    """The worker's job: send one e-mail."""
    return send_claimed(ids=notification_ids, now=timezone.now())


def retry_now(*, ids: list[int], now: datetime) -> int:
    """The trainer's "try again": failed messages back in the queue."""
    return Notification.objects.filter(pk__in=ids, status=DeliveryStatus.FAILED).update(
        status=DeliveryStatus.PENDING, next_attempt_at=now, attempts=0
    )

"""The e-mails go through django-tasks' database queue, as in production: neither a request nor the
periodic command sends anything; `manage.py db_worker --backend notifications` does, once each."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from lms.models import DeliveryStatus, Notification
from tests.factories.notifications import answered_by_one_of_two

# The worker closes its database connection when it stops, as a process does: outside a test
# transaction, so the test's data is not lost with it (on PostgreSQL).
pytestmark = pytest.mark.django_db(transaction=True)

QUEUED = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "notifications": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}


def _work():
    call_command(
        "db_worker", "--backend", "notifications", "--batch", "--no-startup-delay", stdout=StringIO()
    )


def test_the_trainers_reminder_is_queued_in_the_request_and_sent_by_the_worker(
    client, settings, site_tree, trainer, trainee, make_user
):
    settings.TASKS = QUEUED
    questionnaire = answered_by_one_of_two(trainee=trainee, make_user=make_user)
    client.force_login(trainer)
    response = client.post(f"/admin/notifications/remind/{questionnaire.pk}/")
    assert response.status_code == 302
    assert mail.outbox == []  # nothing sent inside the request
    (job,) = DBTaskResult.objects.filter(backend_name="notifications")
    assert Notification.objects.get().status == DeliveryStatus.SENDING
    call_command("send_notifications", stdout=StringIO())  # the periodic check does not send either
    assert mail.outbox == []
    _work()
    assert [message.to for message in mail.outbox] == [[trainee.email]]
    assert Notification.objects.get().status == DeliveryStatus.SENT
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL"
    _work()  # the worker again: nothing more
    assert len(mail.outbox) == 1

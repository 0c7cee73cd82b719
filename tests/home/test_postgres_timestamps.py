"""Timestamps read from PostgreSQL by psycopg's C parser are the ones Django's own loader gives."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.db import connection
from psycopg import adapters, pq

from courses.models import StepProgress
from home.postgres import CTimestamptzLoader
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.postgres

MOMENTS = [
    datetime(2026, 11, 29, 10, 41, 40, 123456, tzinfo=UTC),
    datetime(1999, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=1))),  # Tunis, winter time
    datetime(2026, 3, 29, 1, 30, tzinfo=timezone(timedelta(hours=-5))),
    datetime(2026, 1, 1, tzinfo=UTC),
]


def loader_in_use():
    connection.ensure_connection()
    return connection.connection.adapters.get_loader(adapters.types["timestamptz"].oid, pq.Format.TEXT)


def test_connections_use_the_c_parser(db):
    assert issubclass(loader_in_use(), CTimestamptzLoader)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert issubclass(loader_in_use(), CTimestamptzLoader), "Django put its own loader back"


def test_values_are_the_same_instants_in_utc(make_user, site_tree):
    trainee = make_user()
    lessons = lessons_of(make_course(modules=1, lessons=len(MOMENTS)))
    for lesson, moment in zip(lessons, MOMENTS, strict=True):
        StepProgress.objects.create(
            user=trainee, page=lesson, first_opened_at=moment, last_opened_at=moment, completed_at=moment
        )
    rows = StepProgress.objects.filter(user=trainee).order_by("page__path")
    read = list(rows.values_list("completed_at", flat=True))
    assert read == MOMENTS
    assert all(value.utcoffset() == timedelta(0) and value.tzinfo == UTC for value in read)
    assert read[0].microsecond == 123456


def test_null_timestamps_stay_null(make_user, site_tree):
    trainee = make_user()
    lesson = lessons_of(make_course(modules=1, lessons=1))[0]
    opened = MOMENTS[0]
    StepProgress.objects.create(user=trainee, page=lesson, first_opened_at=opened, last_opened_at=opened)
    assert StepProgress.objects.get(user=trainee).completed_at is None

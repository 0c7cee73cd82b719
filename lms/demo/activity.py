"""The demo cohort and its simulated activity, with fixed dates so that reloading changes nothing."""

import tomllib
from datetime import datetime, time, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from courses.models import Cohort, CoursePage, LessonPage, StepProgress

DATA_FILE = Path(__file__).parent / "data" / "cohort.toml"


def read_cohort() -> dict:
    return tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))


@transaction.atomic
def load_cohort(course: CoursePage) -> Cohort:
    data = read_cohort()
    cohort, _created = Cohort.objects.get_or_create(
        name=data["name"],
        defaults={"start_date": data["start_date"], "end_date": data["end_date"]},
    )
    trainees = list(get_user_model().objects.filter(username__in=data["progress"]))
    cohort.trainees.add(*trainees)
    cohort.courses.add(course)
    lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path"))
    start = timezone.make_aware(datetime.combine(data["start_date"], time(9, 0)))
    for offset, trainee in enumerate(sorted(trainees, key=lambda user: user.username)):
        plan = data["progress"][trainee.username]
        for index, lesson in enumerate(lessons[: plan["completed"] + plan["opened"]]):
            opened = start + timedelta(days=index * 2 + offset % 3, hours=offset)
            done = index < plan["completed"]
            StepProgress.objects.get_or_create(
                user=trainee,
                page=lesson,
                defaults={
                    "first_opened_at": opened,
                    "last_opened_at": opened + timedelta(minutes=25),
                    "completed_at": opened + timedelta(minutes=30) if done else None,
                },
            )
    return cohort

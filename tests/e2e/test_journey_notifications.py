"""A trainee chooses how reminders reach them, then adds a workshop to their calendar (issue 22)."""

from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from home.roles import Role, ensure_groups
from home.site_tree import ensure_home_page
from lms.models import Frequency, NotificationPreference
from tests.factories.courses import enrol, make_course
from tests.factories.plans import make_plan

from .conftest import JOURNEY_RUNS, log_in, ui


@pytest.fixture
def live_site(live_server, transactional_db):
    ensure_home_page()
    ensure_groups()
    return live_server.url


@JOURNEY_RUNS
def test_preferences_then_add_a_workshop_to_the_calendar(
    live_site, make_user, new_page, step, language, viewport
):
    trainee = make_user(Role.TRAINEE, username="amira", first_name="Amira", last_name="Ben Ali")
    cohort = enrol(trainee, make_course(modules=1, lessons=1))
    starts = timezone.now().astimezone(ZoneInfo("Africa/Tunis")).replace(second=0, microsecond=0) + timedelta(
        days=9
    )
    workshop = make_plan(cohort=cohort, live=True, starts=[starts]).workshops.get()
    page = new_page(viewport=viewport, locale=language)
    log_in(page, live_site, "amira", language)

    page.goto(f"{live_site}/{language}/my/notifications/")
    step(page, f"{language}-preferences")
    page.locator("input[name=frequency][value=weekly]").check()
    page.locator("#id_digest_day").select_option("2")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**/{language}/my/notifications/")
    assert page.get_by_text(ui("Your preferences have been saved.", language)).is_visible()
    preference = NotificationPreference.objects.get(user=trainee)
    assert (preference.frequency, preference.digest_day) == (Frequency.WEEKLY, 2)
    step(page, f"{language}-preferences-saved")

    page.goto(f"{live_site}/{language}/my/workshops/")
    link = page.get_by_role("link", name=ui("Add to my calendar", language)).first
    step(page, f"{language}-workshops")
    with page.expect_download() as download:
        link.click()
    content = Path(download.value.path()).read_bytes()
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert event.decoded("dtstart") == workshop.starts_at
    assert str(event["summary"]) == {"fr": "Atelier 1", "ar": "ورشة 1"}[language]

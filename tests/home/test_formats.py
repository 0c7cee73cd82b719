"""Dates as Tunisian administration writes them: Maghreb month names and day/month/year in Arabic,
French administrative style in French, 24-hour clock in both (`home/formats`)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.formats import date_format

from lms.models import Certificate
from tests.factories.courses import make_completed_course
from tests.paths import path_to

MAGHREB_MONTHS = [
    "جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان",
    "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
]  # fmt: skip
FRENCH_MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip
TUNIS = ZoneInfo("Africa/Tunis")


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_is_written_with_its_maghreb_name_in_arabic(month):
    with translation.override("ar"):
        assert date_format(date(2026, month, 5), "DATE_FORMAT") == f"5 {MAGHREB_MONTHS[month - 1]} 2026"
    with translation.override("fr"):
        assert date_format(date(2026, month, 5), "DATE_FORMAT") == f"5 {FRENCH_MONTHS[month - 1]} 2026"


def test_times_are_on_a_24_hour_clock_and_short_dates_day_first():
    moment = datetime(2026, 12, 3, 20, 44, tzinfo=TUNIS)
    with translation.override("ar"):
        assert date_format(moment, "DATETIME_FORMAT") == "3 ديسمبر 2026، الساعة 20:44"
        assert date_format(moment, "SHORT_DATETIME_FORMAT") == "03/12/2026 20:44"
        assert date_format(moment, "SHORT_DATE_FORMAT") == "03/12/2026"
    with translation.override("fr"):
        assert date_format(moment, "DATETIME_FORMAT") == "3 décembre 2026 à 20 h 44"
        assert date_format(moment, "SHORT_DATE_FORMAT") == "03/12/2026"


@pytest.mark.django_db
def test_the_public_verification_page_dates_a_certificate_in_each_language(client, site_tree, trainee):
    course = make_completed_course(trainee, lessons=1)
    client.force_login(trainee)
    assert client.get(path_to("lms:course_certificate", course_id=course.pk)).status_code == 200
    certificate = Certificate.objects.get()
    Certificate.objects.filter(pk=certificate.pk).update(completed_on=date(2026, 1, 5))
    client.logout()
    arabic = client.get(
        path_to("lms:verify_certificate", language="ar"), {"code": certificate.code}
    ).content.decode()
    french = client.get(path_to("lms:verify_certificate"), {"code": certificate.code}).content.decode()
    assert "5 جانفي 2026" in arabic and "يناير" not in arabic
    assert "5 janvier 2026" in french

"""The privacy notice: accepted once per version by every signed-in user, recorded, never skipped."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.models import ConsentRecord
from lms.privacy import consent
from tests.conftest import PASSWORD, translated
from tests.paths import path_to

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def notice_required(settings):
    settings.PRIVACY_NOTICE_REQUIRED = True


def test_first_log_in_leads_to_the_notice_then_back_to_where_the_user_was_going(client, site_tree, trainee):
    response = client.post(path_to("login"), {"username": "trainee_a", "password": PASSWORD})
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == f"{path_to('lms:privacy_notice')}?next={path_to('lms:dashboard')}"

    notice = client.get(response["Location"])
    assert notice.status_code == 200
    assert translated("Accept and continue") in notice.content.decode()

    accepted = client.post(path_to("lms:privacy_notice"), {"accept": "on", "next": path_to("lms:dashboard")})
    assert accepted.status_code == 302 and accepted["Location"] == path_to("lms:dashboard")
    record = ConsentRecord.objects.get(user=trainee)
    assert (record.notice_version, record.language) == (consent.notice_version(), "fr")
    assert client.get(path_to("lms:dashboard")).status_code == 200


def test_not_ticking_the_box_records_nothing_and_says_why(client, site_tree, trainee):
    client.force_login(trainee)
    response = client.post(path_to("lms:privacy_notice"), {"next": path_to("lms:dashboard")})
    assert response.status_code == 400
    assert translated("Tick the box to accept the notice, or log out.") in response.content.decode()
    assert not ConsentRecord.objects.exists()
    assert client.get(path_to("lms:dashboard")).status_code == 302


def test_accepting_in_arabic_is_recorded_in_arabic(client, site_tree, trainee):
    client.force_login(trainee)
    notice = client.get(
        path_to("lms:privacy_notice", language="ar"), {"next": path_to("lms:dashboard", language="ar")}
    )
    assert 'dir="rtl"' in notice.content.decode()
    assert translated("Privacy notice", "ar") in notice.content.decode()
    client.post(
        path_to("lms:privacy_notice", language="ar"),
        {"accept": "on", "next": path_to("lms:dashboard", language="ar")},
    )
    assert ConsentRecord.objects.get(user=trainee).language == "ar"


FOREIGN_ADDRESSES = [
    "https://evil.example/",
    "//evil.example/",  # protocol-relative
    "/\\evil.example",  # browsers read a backslash as a slash
    "/\t/evil.example",  # browsers drop the tab
    "javascript:alert(1)",
    "?x",
]


@pytest.mark.parametrize("address", FOREIGN_ADDRESSES)
def test_a_foreign_next_address_is_ignored(client, site_tree, trainee, address):
    client.force_login(trainee)
    notice = client.get(path_to("lms:privacy_notice"), {"next": address})
    assert f'name="next" value="{path_to("lms:dashboard")}"' in notice.content.decode()
    response = client.post(path_to("lms:privacy_notice"), {"accept": "on", "next": address})
    assert response["Location"] == path_to("lms:dashboard")  # the dashboard: a path on this site


def test_a_next_address_on_the_site_is_followed(client, site_tree, trainee):
    client.force_login(trainee)
    response = client.post(
        path_to("lms:privacy_notice"), {"accept": "on", "next": path_to("lms:certificates")}
    )
    assert response["Location"] == path_to("lms:certificates")


def test_accepting_twice_keeps_one_record(client, site_tree, trainee):
    client.force_login(trainee)
    client.post(path_to("lms:privacy_notice"), {"accept": "on"})
    consent.record_consent(user=trainee, language="fr")
    assert ConsentRecord.objects.filter(user=trainee).count() == 1


def test_a_new_version_of_the_notice_is_asked_again(client, site_tree, trainee, settings):
    client.force_login(trainee)
    client.post(path_to("lms:privacy_notice"), {"accept": "on"})
    assert client.get(path_to("lms:dashboard")).status_code == 200
    settings.PRIVACY_NOTICE_VERSION = "2099-01"
    assert client.get(path_to("lms:dashboard"))["Location"].startswith(path_to("lms:privacy_notice"))


def test_before_accepting_one_can_still_log_out_and_load_the_stylesheet(client, site_tree, trainee):
    client.force_login(trainee)
    assert client.get(path_to("theme_css")).status_code == 200
    assert client.post(path_to("logout")).status_code == 302
    assert client.get(path_to("lms:dashboard")).status_code == 302
    assert client.get(path_to("lms:dashboard"))["Location"].startswith(path_to("login"))


def test_trainers_accept_it_too_before_the_admin(client, site_tree, trainer):
    client.force_login(trainer)
    response = client.get(path_to("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"] == f"{path_to('lms:privacy_notice')}?next={path_to('wagtailadmin_home')}"


def test_anyone_can_read_the_notice(client, site_tree):
    page = client.get(path_to("lms:privacy_notice"))
    assert page.status_code == 200
    assert translated("Who is responsible") in page.content.decode()
    assert translated("Accept and continue") not in page.content.decode()


def test_once_accepted_the_check_costs_no_query(client, site_tree, trainee):
    client.force_login(trainee)
    client.post(path_to("lms:privacy_notice"), {"accept": "on"})
    with CaptureQueriesContext(connection) as queries:
        client.get(path_to("lms:dashboard"))
    assert not [q for q in queries.captured_queries if "lms_consentrecord" in q["sql"]]


def test_the_acceptance_is_part_of_the_trainees_data(client, site_tree, trainee):
    client.force_login(trainee)
    client.post(path_to("lms:privacy_notice"), {"accept": "on"})
    data = client.get(path_to("lms:my_data"), {"format": "json"}).json()
    assert [c["version"] for c in data["privacy_notice_accepted"]] == [consent.notice_version()]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_notice_says_what_the_task_force_sees_with_names(client, site_tree, lang):
    """The notice used to promise group figures only, while named questionnaires, attendance and the
    pre/post test scores are shown with names: it now says so, per kind of questionnaire."""
    page = client.get(path_to("lms:privacy_notice", language=lang)).content.decode()
    for text in (
        "Each questionnaire says, before you answer it, whether it is named or anonymous.",
        "Named questionnaire (the needs assessment, for example): the trainers and the task force see "
        "each of your answers with your name (levels, choices and comments), and can download them in a "
        "spreadsheet.",
    ):
        assert html.unescape(translated(text, lang)) in page  # {% translate %} keeps the apostrophes

import pytest
from bs4 import BeautifulSoup

from home.roles import Role
from lms.certificates import normalise_code, verify
from lms.models import Certificate
from tests.factories.courses import enrol, make_completed_course, make_course
from tests.paths import path_to

pytestmark = pytest.mark.django_db

DIRECTION = {"fr": "ltr", "ar": "rtl"}


@pytest.fixture
def completed_course(site_tree, trainee):
    return make_completed_course(trainee, lessons=2)


def test_trainee_downloads_a_certificate_once(client, trainee, completed_course):
    client.force_login(trainee)
    assert completed_course.title_fr in client.get(path_to("lms:certificates")).content.decode()
    url = path_to("lms:course_certificate", course_id=completed_course.pk)
    first = client.get(url)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    client.get(url)
    certificate = Certificate.objects.get()
    assert certificate.holder_name == "Amira Ben Ali"
    assert (certificate.title_fr, certificate.title_ar) == (
        completed_course.title_fr,
        completed_course.title_ar,
    )


def test_no_certificate_before_completion(client, site_tree, trainee):
    course = make_course(modules=1, lessons=2)
    enrol(trainee, course)
    client.force_login(trainee)
    assert client.get(path_to("lms:course_certificate", course_id=course.pk)).status_code == 404
    assert not Certificate.objects.exists()


def test_a_trainee_cannot_get_someone_elses_certificate(client, make_user, completed_course):
    client.force_login(make_user(Role.TRAINEE))
    assert client.get(path_to("lms:course_certificate", course_id=completed_course.pk)).status_code == 404


def issued(client, trainee, course) -> Certificate:
    client.force_login(trainee)
    client.get(path_to("lms:course_certificate", course_id=course.pk))
    client.logout()
    return Certificate.objects.get()


def test_public_verification_confirms_a_valid_code(client, trainee, completed_course):
    certificate = issued(client, trainee, completed_course)
    page = client.get(
        path_to("lms:verify_certificate"), {"code": certificate.code.lower().replace("-", " ")}
    ).content.decode()
    assert "Amira Ben Ali" in page and completed_course.title_fr in page
    assert trainee.email not in page


@pytest.mark.parametrize(("language", "order"), [("fr", ["fr", "ar"]), ("ar", ["ar", "fr"])])
def test_the_verification_page_states_the_title_in_every_language_the_readers_first(
    client, trainee, completed_course, language, order
):
    certificate = issued(client, trainee, completed_course)
    page = client.get(path_to("lms:verify_certificate", language=language), {"code": certificate.code})
    titles = BeautifulSoup(page.content, "html.parser").select('[role="status"] span[lang]')
    assert [(span["lang"], span["dir"]) for span in titles] == [(code, DIRECTION[code]) for code in order]
    assert [span.get_text() for span in titles] == [getattr(completed_course, f"title_{c}") for c in order]


@pytest.mark.parametrize("code", ["ABCD-EFGH-JKLM", "<script>", "x" * 500, ""])
def test_unknown_or_malformed_codes_are_not_confirmed(client, site_tree, code):
    response = client.get(path_to("lms:verify_certificate"), {"code": code})
    assert response.status_code == 200
    assert "Amira" not in response.content.decode()


def test_tampered_code_is_refused(client, trainee, completed_course):
    certificate = issued(client, trainee, completed_course)
    last = certificate.code[-1]
    tampered = certificate.code[:-1] + ("A" if last != "A" else "B")
    assert verify(tampered) is None
    assert verify(certificate.code) == certificate


def test_code_normalisation():
    assert normalise_code(" abcd efgh-jkLM ") == "ABCD-EFGH-JKLM"

"""A certificate is a record: whatever the course becomes, it stays listed, verifiable and identical,
and the course stays completed on the same date (issue 16, item 1)."""

import subprocess
from datetime import datetime
from unittest import mock

import pytest
from django.conf import settings
from django.utils import formats, timezone, translation
from PIL import Image, ImageChops

from courses.models import StepProgress
from courses.progress import mark_step_complete
from lms.models import Certificate
from tests.conftest import translated
from tests.factories.courses import add_lesson, enrol, lessons_of, make_course
from tests.factories.questionnaires import make_competences
from tests.paths import path_to

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
COMPLETED_AT = datetime(2026, 11, 20, 10, 0)


def rasterised(pdf: bytes, folder, name: str) -> list[Image.Image]:
    """The PDF's pages as images (WeasyPrint writes the date into the file: compare pixels, not bytes)."""
    source = folder / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(source), str(folder / name)], check=True)
    return [Image.open(path).convert("RGB") for path in sorted(folder.glob(f"{name}-*.png"))]


def assert_same_pixels(before: list[Image.Image], after: list[Image.Image]) -> None:
    assert len(before) == len(after) > 0
    for old, new in zip(before, after, strict=True):
        assert old.size == new.size
        assert ImageChops.difference(old, new).getbbox() is None, "the certificate's PDF changed"


def completion_sentence(language: str) -> str:
    with translation.override(language):
        day = formats.date_format(COMPLETED_AT.date(), "DATE_FORMAT")
        return translated("You completed this course on %(date)s.", language).replace("%(date)s", day)


@pytest.fixture
def completed(site_tree, trainee):
    course = make_course(modules=1, lessons=3, duration_hours=12)
    course.competences.set(make_competences(2))
    course.save()
    enrol(trainee, course)
    with mock.patch("django.utils.timezone.now", return_value=timezone.make_aware(COMPLETED_AT)):
        for lesson in lessons_of(course):
            mark_step_complete(user=trainee, page=lesson)
    return course


def test_publishing_reordering_and_deleting_lessons_leaves_certificates_and_completion_as_they_were(
    client, trainee, completed, tmp_path
):
    course = completed
    titles = {language: getattr(course, f"title_{language}") for language in LANGUAGES}
    module = course.get_children().first().specific
    client.force_login(trainee)
    before = {}
    for language in LANGUAGES:
        response = client.get(path_to("lms:course_certificate", language=language, course_id=course.pk))
        assert response.status_code == 200
        before[language] = rasterised(response.content, tmp_path, f"before-{language}")
    certificate = Certificate.objects.get()
    completions = dict(StepProgress.objects.values_list("page_id", "completed_at"))

    # The trainer publishes a lesson, reorders, deletes one, renames the course and changes its hours.
    first, second, third = lessons_of(course)
    new = add_lesson(module)
    third.move(first, pos="left")
    second.delete()
    course.title_fr, course.title_ar, course.duration_hours = "Titre changé", "عنوان مغيّر", 40
    course.save()
    course.competences.set(make_competences(3)[2:])
    course.save()

    for language in LANGUAGES:
        # The course still reads as completed on the same day, at 100 %, the new lesson marked new.
        with translation.override(language):
            page = client.get(course.get_url())
        html = page.content.decode()
        assert page.status_code == 200
        assert completion_sentence(language) in html
        assert 'value="100"' in html
        assert html.count(translated("New since you completed the course", language)) == 1
        assert getattr(new, f"title_{language}") in html
        dashboard = client.get(path_to("lms:dashboard", language=language)).content.decode()
        assert 'value="100"' in dashboard and getattr(new, f"title_{language}") in dashboard

        # The certificate is listed as issued, with its title as issued, and its PDF is unchanged.
        listing = client.get(path_to("lms:certificates", language=language)).content.decode()
        assert titles[language] in listing and course.title_fr not in listing
        assert f"/my/certificates/{certificate.code}.pdf" in listing
        for url in (
            path_to("lms:course_certificate", language=language, course_id=course.pk),
            path_to("lms:certificate_pdf", language=language, code=certificate.code),
        ):
            response = client.get(url)
            assert response.status_code == 200
            assert_same_pixels(before[language], rasterised(response.content, tmp_path, f"after-{language}"))

        # Anyone can still verify it, as issued.
        client.logout()
        verified = client.get(
            path_to("lms:verify_certificate", language=language), {"code": certificate.code}
        ).content.decode()
        assert translated("This certificate is authentic.", language) in verified
        assert titles["fr"] in verified and titles["ar"] in verified
        client.force_login(trainee)

    certificate.refresh_from_db()
    assert certificate.completed_on == COMPLETED_AT.date()
    assert Certificate.objects.count() == 1
    assert dict(StepProgress.objects.exclude(page=new).values_list("page_id", "completed_at")) == {
        page_id: value for page_id, value in completions.items() if page_id != second.pk
    }


def test_an_issued_certificate_outlives_its_course(client, trainee, completed, tmp_path):
    course = completed
    client.force_login(trainee)
    first = client.get(path_to("lms:course_certificate", course_id=course.pk))
    before = rasterised(first.content, tmp_path, "before")
    certificate = Certificate.objects.get()

    course.unpublish()
    assert certificate.title_fr in client.get(path_to("lms:certificates")).content.decode()
    unpublished = client.get(path_to("lms:course_certificate", course_id=course.pk))
    assert_same_pixels(before, rasterised(unpublished.content, tmp_path, "unpublished"))

    course.delete()
    for language in LANGUAGES:
        listing = client.get(path_to("lms:certificates", language=language)).content.decode()
        assert getattr(certificate, f"title_{language}") in listing
        response = client.get(path_to("lms:certificate_pdf", language=language, code=certificate.code))
        assert response.status_code == 200
        if language == "fr":
            assert_same_pixels(before, rasterised(response.content, tmp_path, "deleted"))
        verified = client.get(
            path_to("lms:verify_certificate", language=language), {"code": certificate.code}
        ).content.decode()
        assert translated("This certificate is authentic.", language) in verified


def test_the_certificate_states_the_hours_and_competences_it_was_issued_for(client, trainee, completed):
    client.force_login(trainee)
    client.get(path_to("lms:course_certificate", course_id=completed.pk))
    certificate = Certificate.objects.get()
    assert certificate.hours == 12
    assert [(c.key, c.name_fr, c.name_ar) for c in certificate.competences.all()] == [
        ("C01", "Compétence 1", "الكفاءة 1"),
        ("C02", "Compétence 2", "الكفاءة 2"),
    ]


def test_someone_elses_code_gives_no_pdf(client, make_user, trainee, completed):
    client.force_login(trainee)
    client.get(path_to("lms:course_certificate", course_id=completed.pk))
    code = Certificate.objects.get().code
    client.force_login(make_user())
    assert client.get(path_to("lms:certificate_pdf", code=code)).status_code == 404


def test_a_certificate_states_the_course_as_the_database_has_it_not_a_cached_copy(client, trainee, completed):
    """The dashboard reads course pages from the page-tree cache; a certificate, a record, does not:
    a title changed by another process (here behind the cache's back) is the one it states."""
    from courses.models import CoursePage

    client.force_login(trainee)
    client.get(path_to("lms:dashboard"))  # the course page is now in this process's cache
    CoursePage.objects.filter(pk=completed.pk).update(
        title_fr="Plaidoyer : intitulé révisé", duration_hours=14
    )
    client.get(path_to("lms:course_certificate", course_id=completed.pk))
    certificate = Certificate.objects.get()
    assert (certificate.title_fr, certificate.hours) == ("Plaidoyer : intitulé révisé", 14)

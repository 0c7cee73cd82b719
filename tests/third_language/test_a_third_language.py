"""A third language is data: with English added to the settings (lms.settings.third_language), the
site migrates, and the home page, a lesson and a PDF come out in English with `lang` and `dir` right,
while French and Arabic keep theirs. Run by tests/home/test_languages_as_data.py in its own process.
The paths are typed on purpose: each language's prefix is what is checked (tests/paths.py)."""

import re
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

from home.roles import Role
from tests.factories.courses import enrol, lessons_of, make_course

pytestmark = pytest.mark.django_db

EXPECTED = {"en": "ltr", "fr": "ltr", "ar": "rtl"}


def html_root(response):
    assert response.status_code == 200, response.status_code
    root = BeautifulSoup(response.content, "html.parser").html
    return root["lang"], root["dir"]


@pytest.mark.parametrize("language", EXPECTED)
def test_the_home_page_speaks_each_language_with_its_direction(client, site_tree, language):
    assert html_root(client.get(f"/{language}/")) == (language, EXPECTED[language])


def test_the_language_switch_offers_the_two_other_languages_each_with_its_direction(client, site_tree):
    page = BeautifulSoup(client.get("/en/").content, "html.parser")
    links = {
        link["hreflang"]: (link["lang"], link["dir"], link["href"]) for link in page.select("a[hreflang]")
    }
    assert links == {"fr": ("fr", "ltr", "/fr/"), "ar": ("ar", "rtl", "/ar/")}


def test_a_lesson_written_in_french_and_arabic_opens_in_english_marking_the_french_text(
    client, site_tree, make_user
):
    trainee = make_user(Role.TRAINEE)
    course = make_course(modules=1, lessons=1)
    enrol(trainee, course)
    lesson = lessons_of(course)[0]
    client.force_login(trainee)
    url = lesson.get_url()  # in French
    english = re.sub(r"^/fr/", "/en/", url)
    response = client.get(english)
    assert html_root(response) == ("en", "ltr")
    title = BeautifulSoup(response.content, "html.parser").select_one("h1")
    # No English text yet: the French falls back, marked as French for screen readers.
    assert (
        title.find_parent(attrs={"lang": "fr"})
        or title.find(attrs={"lang": "fr"})
        or title.get("lang") == "fr"
    )


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """The HTML of each PDF rendered during the test, in order."""
    import lms.pdf

    pages = []
    original = lms.pdf.render_to_string

    def keep(*args, **kwargs):
        pages.append(original(*args, **kwargs))
        return pages[-1]

    monkeypatch.setattr(lms.pdf, "render_to_string", keep)
    return pages


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing")
@pytest.mark.parametrize("language", EXPECTED)
def test_a_pdf_comes_out_in_each_language_with_its_direction(
    client, site_tree, make_user, tmp_path, rendered, language
):
    from courses.models import Cohort
    from tests.factories.plans import make_plan

    cohort = Cohort.objects.create(name="Cohort")
    cohort.trainees.set([make_user(Role.TRAINEE)])
    plan = make_plan(cohort=cohort)
    client.force_login(make_user(Role.TASK_FORCE))
    response = client.get(f"/{language}/review/plans/{plan.pk}/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith(f'-{language}.pdf"')
    root = BeautifulSoup(rendered[0], "html.parser").html
    assert (root["lang"], root["dir"]) == (language, EXPECTED[language])
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.strip(), "the PDF has text"


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing")
def test_a_certificate_states_its_title_in_every_language_each_in_its_direction(
    client, site_tree, make_user, tmp_path, rendered
):
    from courses.progress import mark_step_complete
    from lms.models import Certificate
    from tests.paths import path_to

    trainee = make_user(Role.TRAINEE)
    course = make_course(modules=1, lessons=1)
    course.title_en = "Advocacy and EU funding"
    course.save()
    enrol(trainee, course)
    for lesson in lessons_of(course):
        mark_step_complete(user=trainee, page=lesson)
    client.force_login(trainee)
    response = client.get(path_to("lms:course_certificate", language="en", course_id=course.pk))
    assert response["Content-Type"] == "application/pdf"
    certificate = Certificate.objects.get(user=trainee)
    assert certificate.title_en == "Advocacy and EU funding"  # a column of the record, as issued
    sections = BeautifulSoup(rendered[0], "html.parser").select(".columns section")
    assert {(s["lang"], s["dir"]) for s in sections} == set(EXPECTED.items())
    english = next(s for s in sections if s["lang"] == "en")
    assert "Advocacy and EU funding" in english.get_text()
    french = next(s for s in sections if s["lang"] == "fr")
    assert certificate.title_fr in french.get_text() and "Advocacy" not in french.get_text()
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Advocacy and EU funding" in text


def test_a_certificate_without_an_english_title_marks_the_french_one_in_the_english_column(
    client, site_tree, make_user, rendered
):
    from courses.progress import mark_step_complete
    from tests.paths import path_to

    trainee = make_user(Role.TRAINEE)
    course = make_course(modules=1, lessons=1)  # French and Arabic only
    enrol(trainee, course)
    for lesson in lessons_of(course):
        mark_step_complete(user=trainee, page=lesson)
    client.force_login(trainee)
    client.get(path_to("lms:course_certificate", language="en", course_id=course.pk))
    english = BeautifulSoup(rendered[0], "html.parser").select_one('.columns section[lang="en"]')
    title = english.select_one(".title")
    assert title.span and (title.span["lang"], title.span["dir"]) == ("fr", "ltr")
    assert title.get_text() == course.title_fr

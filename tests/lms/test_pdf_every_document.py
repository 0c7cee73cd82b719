"""Every PDF the site makes, printed in French and Arabic and rasterised (pdftoppm) as a reviewer
would look at it: minutes, training plan, workshop report, training report, certificate. None is
blank; the title stands at the start edge of the page, the right one in Arabic; where a document has
charts, the bars' colour is found in them. The pages are written to test-artifacts/pdfs/.

One render per document and language, from the demo data loaded once for the module (issue 18)."""

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import translation
from PIL import Image, ImageChops

from tests.lms.test_pdf_charts import BAR, solid_bands
from tests.paths import path_to

pytestmark = [
    pytest.mark.xdist_group("test_pdf_every_document"),  # one worker builds the module's world once
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils missing: run make test as root"),
]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "pdfs"
DPI = 72  # one pixel a point, as tests/lms/test_pdf_charts.py
LANGUAGES = ("fr", "ar")
TITLE = (140, 27, 33)  # #8c1b21, h1 of static/css/pdf.css
CHARTED = {"minutes", "training-report", "workshop-report"}


@dataclass
class Printed:
    pages: list[Image.Image]
    files: list[Path]


def document_urls() -> dict[str, tuple[str, dict[str, str]]]:
    """Each document: who prints it, and its address in each language."""
    from assessments.models import QuestionnairePage
    from lms.models import TrainingPlanPage

    needs = QuestionnairePage.objects.get(purpose="needs")
    plan = TrainingPlanPage.objects.get()
    # The demo's plan awaits the OTE's approval; its PDF is printed from the page once it is live.
    TrainingPlanPage.objects.filter(pk=plan.pk).update(live=True)
    workshop = plan.workshops.filter(satisfaction_survey__isnull=False).order_by("starts_at").first()
    plan_urls = {}
    for language in LANGUAGES:
        with translation.override(language):
            plan_urls[language] = plan.url + "pdf/"
    return {
        "minutes": (
            "taskforce1",
            {
                lang: path_to("lms:review:minutes_pdf", language=lang, questionnaire_id=needs.pk)
                for lang in LANGUAGES
            },
        ),
        "plan": ("taskforce1", plan_urls),
        "workshop-report": (
            "taskforce1",
            {
                lang: path_to(
                    "lms:review:workshop_report_pdf", language=lang, plan_id=plan.pk, workshop_id=workshop.pk
                )
                for lang in LANGUAGES
            },
        ),
        "training-report": (
            "taskforce1",
            {
                lang: path_to("lms:review:plan_report_pdf", language=lang, plan_id=plan.pk)
                for lang in LANGUAGES
            },
        ),
        "evaluation-report": (
            "taskforce1",
            {
                lang: path_to("lms:review:evaluation_report_pdf", language=lang, plan_id=plan.pk)
                for lang in LANGUAGES
            },
        ),
        "certificate": (
            "amira.benali",
            {
                lang: path_to("lms:workshop_certificate", language=lang, workshop_id=workshop.pk)
                for lang in LANGUAGES
            },
        ),
    }


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[tuple[str, str], Printed]:
    """Every document in both languages, printed once and rasterised; the demo rolled back after."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    work = tmp_path_factory.mktemp("pdfs")
    found: dict[tuple[str, str], Printed] = {}
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", "--allow-production", verbosity=0)
        client = Client()
        for name, (username, urls) in document_urls().items():
            client.force_login(get_user_model().objects.get(username=username))
            for language, url in urls.items():
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code, response.get("Location"))
                assert response["Content-Type"] == "application/pdf", url
                pdf = work / f"{name}-{language}.pdf"
                pdf.write_bytes(response.content)
                for old in ARTIFACTS.glob(f"{name}-{language}-*.png"):
                    old.unlink()
                prefix = ARTIFACTS / f"{name}-{language}"
                subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(prefix)], check=True)
                files = sorted(ARTIFACTS.glob(f"{name}-{language}-*.png"))
                found[name, language] = Printed([Image.open(f).convert("RGB") for f in files], files)
        transaction.set_rollback(True)
    return found


DOCUMENTS = ("minutes", "plan", "workshop-report", "training-report", "evaluation-report", "certificate")
RUNS = pytest.mark.parametrize("name, language", [(name, lang) for name in DOCUMENTS for lang in LANGUAGES])


def ink_share(page: Image.Image) -> float:
    """The share of the page's pixels that are not white (text, rules, bars)."""
    grey = page.convert("L")
    return sum(grey.histogram()[:200]) / (grey.width * grey.height)


def mask_rows(page: Image.Image, colour: tuple[int, int, int], *, tolerance: int) -> list[bytes]:
    """Each pixel row of the page as bytes, 255 where the pixel has `colour` (± tolerance per channel):
    PIL does the per-pixel work, so that thirty A4 pages are searched in seconds."""
    channels = [
        channel.point(lambda v, c=c: 255 if abs(v - c) <= tolerance else 0)
        for channel, c in zip(page.split(), colour, strict=True)
    ]
    mask = ImageChops.multiply(ImageChops.multiply(channels[0], channels[1]), channels[2])
    data = mask.tobytes()
    return [data[y * page.width : (y + 1) * page.width] for y in range(page.height)]


def coloured(
    page: Image.Image, colour: tuple[int, int, int], *, tolerance: int = 20
) -> list[tuple[int, int]]:
    """(x, y) of the leftmost and rightmost pixel of `colour` on each row that has one."""
    points = []
    for y, row in enumerate(mask_rows(page, colour, tolerance=tolerance)):
        if 255 in row:
            points += [(row.index(255), y), (row.rindex(255), y)]
    return points


def bar_bands(page: Image.Image, *, first_page: bool) -> list[tuple[int, int]]:
    """tests/lms/test_pdf_charts.py's bar_bands, the same rule on a mask: (leftmost, rightmost) x
    of each solid run of bar-coloured rows at least 5 px tall, below the first page's header rule."""
    rows: dict[int, tuple[int, int]] = {}
    below_rule = not first_page
    for y, row in enumerate(mask_rows(page, BAR, tolerance=12)):
        count = row.count(255)
        if count > page.width // 2:
            below_rule = True
        elif below_rule and count >= 3:
            first, last = row.index(255), row.rindex(255)
            if count >= last - first - 1:
                rows[y] = (first, last)
    return solid_bands(rows)


def first_line(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The points of the topmost line of text drawn in one colour (rows closer than 6 px)."""
    rows = sorted({y for _x, y in points})
    line = [rows[0]]
    for y in rows[1:]:
        if y - line[-1] > 6:
            break
        line.append(y)
    return [(x, y) for x, y in points if line[0] <= y <= line[-1]]


@RUNS
def test_no_page_is_blank(printed, name, language):
    document = printed[name, language]
    assert document.pages, name
    blank = [
        file.name
        for page, file in zip(document.pages, document.files, strict=True)
        if ink_share(page) < 0.002
    ]
    assert blank == []


@RUNS
def test_the_first_page_is_not_left_nearly_empty(printed, name, language):
    """A section kept in one piece must not push the report's body to the second page, leaving the
    first with its header and one line (the evaluation report did)."""
    document = printed[name, language]
    if len(document.pages) > 1:
        assert ink_share(document.pages[0]) > 0.5 * ink_share(document.pages[1]), name


@RUNS
def test_the_title_stands_at_the_start_edge_of_its_language(printed, name, language):
    """In Arabic the title's ink is against the right margin, in French against the left one. The
    certificate is bilingual, French on the left and Arabic on the right in both: its two titles."""
    page = printed[name, language].pages[0]
    title = first_line(coloured(page, TITLE))
    assert len(title) > 10, f"{name}: no title found"
    left, right = min(x for x, _y in title), page.width - max(x for x, _y in title)
    if name == "certificate":
        middle = page.width // 2
        assert {x < middle for x, _y in title} == {True, False}, "both titles, either side of the middle"
    elif language == "ar":
        assert right < left, (name, left, right)
        assert 40 <= right <= 60, (name, right)  # the page's 18 mm margin, at 72 dpi
    else:
        assert left < right, (name, left, right)
        assert 40 <= left <= 60, (name, left)


@pytest.mark.parametrize("name, language", [(name, lang) for name in sorted(CHARTED) for lang in LANGUAGES])
def test_the_charts_print_their_bars_from_the_start_edge(printed, name, language):
    document = printed[name, language]
    bands = [
        band for index, page in enumerate(document.pages) for band in bar_bands(page, first_page=index == 0)
    ]
    assert len(bands) >= 3, f"{name}: no bars printed"
    starts = [left for left, _right in bands] if language == "fr" else [right for _left, right in bands]
    ends = [right for _left, right in bands] if language == "fr" else [left for left, _right in bands]
    # One chart's bars start from one edge (charts side by side on the minutes have two such edges).
    assert len({start // 4 for start in starts}) <= 4, sorted(set(starts))
    assert max(ends) - min(ends) > 20, bands  # ...and are as long as their figures
    middle = document.pages[0].width // 2
    if language == "ar":
        assert max(starts) > middle, "Arabic bars start on the right"
    else:
        assert min(starts) < middle

"""The bar charts print: rasterised PDF pages carry the bars' colour in bands as tall as a bar (the
header's rule, of the same colour, is thinner), the bars start from the same edge, and that edge is
the right one in Arabic."""

import shutil
import subprocess

import pytest
from django.utils.timezone import localdate
from PIL import Image

from assessments.models import MeetingMinutes
from assessments.questionnaires import ItemValue, submit_response
from home.roles import Role
from tests.factories.questionnaires import make_questionnaire
from tests.paths import path_to

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils missing: run make test as root"),
]

BAR = (180, 35, 42)  # #b4232a, static/css/charts.css
DPI = 72  # one pixel a point: a bar is 8 pt tall, the header's rule 2 pt


def bar_bands(image: Image.Image, *, first_page: bool) -> list[tuple[int, int]]:
    """(leftmost, rightmost) x of each solid horizontal run of bar-coloured pixels at least 5 px tall,
    below the first page's header rule (the logo above it has the same red)."""
    pixels = image.convert("RGB").load()
    width, height = image.size
    rows: dict[int, tuple[int, int]] = {}
    below_rule = not first_page
    for y in range(height):
        xs = [
            x for x in range(width) if all(abs(a - b) <= 12 for a, b in zip(pixels[x, y], BAR, strict=True))
        ]
        if len(xs) > width // 2:
            below_rule = True
        elif below_rule and len(xs) >= 3 and len(xs) >= max(xs) - min(xs) - 1:
            rows[y] = (min(xs), max(xs))
    return solid_bands(rows)


def solid_bands(rows: dict[int, tuple[int, int]]) -> list[tuple[int, int]]:
    """The (leftmost, rightmost) x of each run of consecutive rows at least 5 px tall, at its middle."""
    bands: list[list[int]] = []
    for y in sorted(rows):
        if bands and y == bands[-1][-1] + 1:
            bands[-1].append(y)
        else:
            bands.append([y])
    return [rows[band[len(band) // 2]] for band in bands if len(band) >= 5]


def rasterised_bands(pdf_bytes: bytes, tmp_path) -> list[tuple[int, int]]:
    pdf = tmp_path / "document.pdf"
    pdf.write_bytes(pdf_bytes)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(tmp_path / "page")], check=True)
    bands = []
    for number, page in enumerate(sorted(tmp_path.glob("page*.png"))):
        bands += bar_bands(Image.open(page), first_page=number == 0)
    return bands


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_minutes_pdf_prints_its_bars_from_the_start_edge(
    client, site_tree, make_user, task_force, tmp_path, language
):
    questionnaire = make_questionnaire()
    competence_items = list(questionnaire.items.filter(kind="competence"))
    for level in (1, 3, 3, 5):
        submit_response(
            user=make_user(Role.TRAINEE),
            questionnaire=questionnaire,
            values={item.pk: ItemValue(number=level, importance=5) for item in competence_items},
        )
    # The meeting is today: the minutes count the responses given up to their meeting.
    MeetingMinutes.objects.create(questionnaire=questionnaire, meeting_date=localdate(), participants="Leïla")
    client.force_login(task_force)
    response = client.get(
        path_to("lms:review:minutes_pdf", language=language, questionnaire_id=questionnaire.pk)
    )
    assert response["Content-Type"] == "application/pdf"
    bands = rasterised_bands(response.content, tmp_path)
    # Per competence: three level bars (1, 3, 5: one of them twice as long) and one importance bar.
    assert len(bands) >= 4 * len(competence_items), bands
    starts = {left for left, _right in bands} if language == "fr" else {right for _left, right in bands}
    ends = {right for _left, right in bands} if language == "fr" else {left for left, _right in bands}
    assert max(starts) - min(starts) <= 2, bands  # every bar grows from the same edge...
    assert max(ends) - min(ends) > 20, bands  # ...to a length of its own


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_training_report_pdf_prints_the_satisfaction_bars(
    client, site_tree, make_user, task_force, tmp_path, language
):
    from courses.models import Cohort
    from tests.factories.plans import make_plan

    cohort = Cohort.objects.create(name="Cohorte")
    trainees = [make_user(Role.TRAINEE) for _ in range(4)]
    cohort.trainees.set(trainees)
    plan = make_plan(cohort=cohort)
    workshop = plan.workshops.get()
    survey = make_questionnaire(anonymity="named", cohort=cohort, purpose="satisfaction")
    workshop.satisfaction_survey = survey
    workshop.save()
    rating = survey.items.get(kind="rating")
    for trainee, score in zip(trainees, [5, 4, 4, 2], strict=True):
        submit_response(user=trainee, questionnaire=survey, values={rating.pk: ItemValue(number=score)})
    client.force_login(task_force)
    response = client.get(path_to("lms:review:plan_report_pdf", language=language, plan_id=plan.pk))
    assert response["Content-Type"] == "application/pdf"
    bands = rasterised_bands(response.content, tmp_path)
    assert len(bands) >= 3, bands  # the rating's three answered levels: 2, 4 (twice as long), 5
    starts = {left for left, _right in bands} if language == "fr" else {right for _left, right in bands}
    assert max(starts) - min(starts) <= 2, bands

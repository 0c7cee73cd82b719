"""The bars of the review area's charts (questionnaire results, minutes, training report) are as long
as their figure says: each bar is count / total of its track ± 2 px, the tracks of a chart are equally
long from row to row, and in Arabic the bars grow from the right. In French and Arabic, on a desktop
and on a 360 px phone (issue 18: bars collapsed on phones, tracks of uneven length on desktops)."""

import pytest
from django.utils.timezone import localdate

from assessments.models import MeetingMinutes
from assessments.questionnaires import ItemValue, submit_response
from courses.models import Cohort
from home.roles import Role, ensure_groups
from home.site_tree import ensure_home_page
from tests.factories.plans import make_plan
from tests.factories.questionnaires import make_questionnaire

from .conftest import JOURNEY_RUNS, SCREENSHOTS, log_in

TOLERANCE = 2  # px

MEASURE = """() => [...document.querySelectorAll('figure.chart')].map(chart =>
  [...chart.querySelectorAll('.bar-row')].map(row => {
    const track = row.querySelector('.bar-track').getBoundingClientRect();
    const fill = row.querySelector('.bar-fill').getBoundingClientRect();
    return {count: +row.dataset.count, total: +row.dataset.total,
            track: [track.left, track.right], fill: [fill.left, fill.right]};
  }))"""


@pytest.fixture
def charts(live_server, transactional_db, make_user):
    """Counts that 5 % steps cannot draw exactly (1/3, 2/3, 1/7, 3/7...), on the three pages."""
    ensure_groups()
    ensure_home_page()
    make_user(Role.TASK_FORCE, username="leila", first_name="Leila", last_name="Trabelsi")
    cohort = Cohort.objects.create(name="Cohorte pilote")
    trainees = [make_user(Role.TRAINEE) for _ in range(7)]
    cohort.trainees.set(trainees)
    needs = make_questionnaire()
    for trainee, level in zip(trainees, [1, 2, 2, 3, 3, 3, 5], strict=True):
        values = {
            item.pk: ItemValue(number=level, importance=6 - level)
            for item in needs.items.filter(kind="competence")
        }
        submit_response(user=trainee, questionnaire=needs, values=values)
    MeetingMinutes.objects.create(questionnaire=needs, meeting_date=localdate(), participants_fr="Leila")
    plan = make_plan(cohort=cohort)
    workshop = plan.workshops.get()
    survey = make_questionnaire(anonymity="named", cohort=cohort, purpose="satisfaction")
    workshop.satisfaction_survey = survey
    workshop.save()
    rating = survey.items.get(kind="rating")
    for trainee, score in zip(trainees[:3], [5, 4, 4], strict=True):
        submit_response(user=trainee, questionnaire=survey, values={rating.pk: ItemValue(number=score)})
    return [
        ("results", f"/review/questionnaires/{needs.pk}/"),
        ("minutes", f"/review/questionnaires/{needs.pk}/minutes/"),
        ("training-report", f"/review/plans/{plan.pk}/report/"),
    ]


def misdrawn_bars(chart: list[dict], *, rtl: bool) -> list[str]:
    problems = []
    lengths = [right - left for left, right in (row["track"] for row in chart)]
    if max(lengths) - min(lengths) > 1:
        problems.append(f"tracks of unequal length: {lengths}")
    for row in chart:
        bar = f"{row['count']}/{row['total']}"
        (track_left, track_right), (fill_left, fill_right) = row["track"], row["fill"]
        expected = row["count"] / row["total"] * (track_right - track_left) if row["total"] else 0
        drawn = fill_right - fill_left
        if abs(drawn - expected) > TOLERANCE:
            problems.append(f"{bar}: {drawn:.1f} px drawn, {expected:.1f} px expected")
        if drawn > 0:
            start_gap = track_right - fill_right if rtl else fill_left - track_left
            if abs(start_gap) > 1:
                problems.append(f"{bar}: starts {start_gap:.1f} px from the start edge")
    return problems


@JOURNEY_RUNS
def test_every_bar_is_as_long_as_its_figure(live_server, charts, new_page, language, viewport):
    page = new_page(viewport=viewport, locale=language)
    log_in(page, live_server.url, "leila", language)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in charts:
        page.goto(f"{live_server.url}/{language}{path}")
        measured = page.evaluate(MEASURE)
        page.screenshot(
            path=SCREENSHOTS / f"bar-charts-{language}-{viewport['width']}-{name}.png", full_page=True
        )
        assert measured and all(measured), f"{name}: no chart"
        assert any(0 < row["count"] < row["total"] for chart in measured for row in chart), name
        problems = [
            f"chart {index}: {problem}"
            for index, chart in enumerate(measured)
            for problem in misdrawn_bars(chart, rtl=language == "ar")
        ]
        assert problems == [], f"{name} ({language}, {viewport['width']} px): {problems}"

"""Counts in the review area read as French and Arabic write them: none, one, two, many (issue 19).
Arabic has six plural forms; the catalogue's Plural-Forms chooses among them."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from courses.models import Cohort
from home.roles import Role
from lms.training.plans import AttendanceEntry, record_attendance
from tests.factories.plans import make_plan

pytestmark = pytest.mark.django_db

ATTENDANCE = {
    "fr": {
        0: "Aucun apprenant n'a assisté ; apprenants attendus : 12.",
        1: "1 apprenant a assisté (présent ou en retard) ; apprenants attendus : 12 (8 %).",
        2: "2 apprenants ont assisté (présents ou en retard) ; apprenants attendus : 12 (17 %).",
        11: "11 apprenants ont assisté (présents ou en retard) ; apprenants attendus : 12 (92 %).",
    },
    "ar": {
        0: "لم يحضر أي متكوِّن؛ عدد المتكوِّنين المعنيين: 12.",
        1: "حضر متكوِّن واحد (في الموعد أو متأخرًا)؛ عدد المتكوِّنين المعنيين: 12 (8 %).",
        2: "حضر متكوِّنان (في الموعد أو متأخرَين)؛ عدد المتكوِّنين المعنيين: 12 (17 %).",
        3: "حضر 3 متكوِّنين (في الموعد أو متأخرين)؛ عدد المتكوِّنين المعنيين: 12 (25 %).",
        11: "حضر 11 متكوِّنًا (في الموعد أو متأخرين)؛ عدد المتكوِّنين المعنيين: 12 (92 %).",
    },
}


@pytest.fixture
def workshop(site_tree, make_user):
    cohort = Cohort.objects.create(name="Cohorte")
    cohort.trainees.set([make_user(Role.TRAINEE, first_name=f"T{i}") for i in range(12)])
    return make_plan(cohort=cohort).workshops.get()


@pytest.mark.parametrize(
    ("language", "attended"), [(language, n) for language, counts in ATTENDANCE.items() for n in counts]
)
def test_the_workshop_report_says_how_many_attended(client, task_force, workshop, language, attended):
    trainees = list(workshop.plan.cohort.trainees.order_by("pk")[:attended])
    if trainees:
        record_attendance(workshop=workshop, entries=[AttendanceEntry(t.pk, "present") for t in trainees])
    client.force_login(task_force)
    with translation.override(language):
        url = reverse("lms:review:workshop_report", args=[workshop.plan.pk, workshop.pk])
    page = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    sentence = " ".join(page.select_one(".attendance-count").get_text().split())
    assert sentence == ATTENDANCE[language][attended]


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "لا يوجد أي سؤال"),
        (1, "سؤال واحد"),
        (2, "سؤالان"),
        (5, "5 أسئلة"),
        (11, "11 سؤالًا"),
        (100, "100 سؤال"),
    ],
)
def test_arabic_counts_take_the_form_of_their_number(count, expected):
    """Six forms (Plural-Forms: nplurals=6): none, one, two, a few (3-10), many (11-99), other."""
    with translation.override("ar"):
        form = translation.ngettext("%(counter)s question", "%(counter)s questions", count)
    assert form % {"counter": count} == expected

"""Latin text and figures inside Arabic read as written: on screen, in the PDFs' HTML, in e-mails.

A sample of Arabic pages and documents that carry names, codes, amounts and Latin text (the demo
content, with a quiz choice, a place and a cohort name in Latin added) is checked by
tests/bidi.py: every Latin run and every figure with a sign, a "%" or a second figure must sit in
an isolating element (<bdi>, or an element with dir="ltr" or "auto").
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from assessments.models import Attempt, QuestionnairePage, QuizPage
from courses.models import Cohort
from lms.models import Certificate, TrainingPlanPage
from tests.bidi import problems_in_text, unisolated_runs
from tests.paths import home_path, path_to

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("test_views_bidi_isolation")]

LATIN_CHOICE = "COM(2021) 120"
LATIN_PLACE = "Tunis, siège de l'OTE (salle B-2)"
LATIN_COHORT = "Cohorte OTE 2026-A"


@pytest.fixture(scope="module")
def demo_with_latin(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module (one worker: xdist_group) and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _load_demo_with_latin()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_with_latin, db):
    return QuizPage.objects.get(pk=demo_with_latin)


def _load_demo_with_latin() -> int:
    call_command("load_demo", "--allow-production", verbosity=0)
    Cohort.objects.update(name=LATIN_COHORT)
    quiz = QuizPage.objects.filter(purpose="graded").first()
    question = next(slot.question for slot in quiz.slots.all() if slot.question.choices.exists())
    choice = question.choices.first()
    choice.text_ar = LATIN_CHOICE
    choice.save()
    plan = TrainingPlanPage.objects.get()
    plan.workshops.update(place=LATIN_PLACE, facilitators="Sonia Mejri, Tearfund (2014–2015)")
    return quiz.pk


def login(client, username: str):
    client.force_login(get_user_model().objects.get(username=username))


def page(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def pdf_html(monkeypatch):
    """The HTML each PDF is printed from, just before WeasyPrint lays it out."""
    import weasyprint

    printed = []

    class Printer:
        def __init__(self, *, string, **_options):
            printed.append(string)

        def write_pdf(self):
            return b"%PDF-1.7 test"

    monkeypatch.setattr(weasyprint, "HTML", Printer)
    return printed


def assert_isolated(html: str, where: str):
    problems = unisolated_runs(html)
    assert not problems, f"{where}: " + "; ".join(problems)


def test_the_checker_finds_what_the_issue_saw():
    """The helper itself: the scrambled runs of issue 18 are found, isolated ones are not."""
    for seen in ["نتيجتك: 70 %", "الكسب: -0,33", "الصفحة 19 / 27", "Tearfund، 2014–2015", LATIN_CHOICE]:
        assert problems_in_text(seen), seen
    rtl = '<html lang="ar" dir="rtl"><body><p>{}</p></body></html>'
    assert unisolated_runs(rtl.format("صادق عليه Sonia Mejri")) != []
    for fine in [
        '<bdi dir="ltr">70 %</bdi>',
        "صادق عليه <bdi>Sonia Mejri</bdi>",
        f'<label dir="auto">{LATIN_CHOICE}</label>',
        "المحاولة 2، 12/03/2026 08:44 · 6 س",
        '<span lang="fr" dir="ltr">Plaidoyer (UE)</span>',
        "تنزيل ملف PDF",
    ]:
        assert unisolated_runs(rtl.format(fine)) == [], fine


def test_arabic_pages_isolate_latin_and_figures(client, demo):
    quiz = demo
    needs = QuestionnairePage.objects.get(purpose="needs")
    satisfaction = QuestionnairePage.objects.get(purpose="satisfaction")
    post_test = QuizPage.objects.get(purpose="post_test")
    plan = TrainingPlanPage.objects.get()
    workshop = plan.workshops.first()

    login(client, "amira.benali")
    shown = {
        "dashboard": page(client, path_to("lms:dashboard", language="ar")),
        "my data": page(client, path_to("lms:my_data", language="ar")),
    }
    with_ar = quiz.url.replace(home_path(), home_path("ar"), 1)
    shown["quiz"] = page(client, with_ar)
    response = client.post(with_ar + "start/")
    assert response.status_code == 302
    attempt = Attempt.objects.filter(user__username="amira.benali", quiz=quiz).latest("pk")
    shown["quiz attempt"] = attempt_page = page(client, f"{with_ar}attempt/{attempt.pk}/")
    # The Latin choice keeps its own direction: a trainee sees "COM(2021) 120", not "120 (COM(2021".
    label = BeautifulSoup(attempt_page, "html.parser").find(
        "label", string=re.compile(re.escape(LATIN_CHOICE))
    )
    assert label is not None and label.get("dir") == "auto"
    shown["certificates"] = page(client, path_to("lms:certificates", language="ar"))

    login(client, "taskforce1")
    shown["needs results"] = page(
        client, path_to("lms:review:results", language="ar", questionnaire_id=needs.pk)
    )
    shown["satisfaction results"] = page(
        client, path_to("lms:review:results", language="ar", questionnaire_id=satisfaction.pk)
    )
    shown["minutes"] = page(client, path_to("lms:review:minutes", language="ar", questionnaire_id=needs.pk))
    shown["gain"] = page(client, path_to("lms:review:gain", language="ar", post_test_id=post_test.pk))
    shown["plan report"] = page(client, path_to("lms:review:plan_report", language="ar", plan_id=plan.pk))
    shown["workshop report"] = page(
        client, path_to("lms:review:workshop_report", language="ar", plan_id=plan.pk, workshop_id=workshop.pk)
    )
    for where, html in shown.items():
        assert_isolated(html, where)


def test_arabic_documents_isolate_latin_and_figures(client, demo, pdf_html):
    needs = QuestionnairePage.objects.get(purpose="needs")
    plan = TrainingPlanPage.objects.get()
    workshop = plan.workshops.first()
    login(client, "taskforce1")
    for url in [
        path_to("lms:review:minutes_pdf", language="ar", questionnaire_id=needs.pk),
        path_to("lms:review:plan_report_pdf", language="ar", plan_id=plan.pk),
        path_to("lms:review:workshop_report_pdf", language="ar", plan_id=plan.pk, workshop_id=workshop.pk),
    ]:
        assert client.get(url).status_code == 200, url
    login(client, "amira.benali")
    assert (
        client.get(path_to("lms:workshop_certificate", language="ar", workshop_id=workshop.pk)).status_code
        == 200
    )
    assert len(pdf_html) == 4
    for html in pdf_html:
        assert_isolated(html, BeautifulSoup(html, "html.parser").title.get_text())

    certificate = Certificate.objects.get()
    client.logout()
    verified = page(client, path_to("lms:verify_certificate", language="ar"), code=certificate.code)
    assert "Amira" in verified
    assert_isolated(verified, "certificate verification")


def test_the_page_counter_reads_left_to_right():
    """The PDFs' "n / total": in Arabic, the margin box would print "27 / 19" without an LTR direction."""
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static" / "css" / "pdf.css").read_text()
    counter = re.search(r"@bottom-center\s*{([^}]*)}", css).group(1)
    assert "counter(page)" in counter and "direction: ltr" in counter


def test_password_reset_email_isolates_the_name(client, make_user, site_tree):
    make_user(username="sonia", first_name="Sonia", last_name="Mejri")
    client.post(path_to("password_reset", language="ar"), {"email": "sonia@example.org"})
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "\u2068Sonia Mejri\u2069" in body  # the addressee, isolated


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_figures_read_the_same_in_both_languages_only_the_markup_isolates_them(language):
    """French shows the text it showed ("70 %", "19 / 27"); only the negative gets a real minus."""
    from decimal import Decimal

    from django.utils import translation

    from home.templatetags.language_tags import percent, ratio, signed

    with translation.override(language):
        assert percent(70) == '<bdi dir="ltr">70 %</bdi>'
        assert percent(Decimal("66.667"), 0) == '<bdi dir="ltr">67 %</bdi>'
        assert signed(Decimal("-0.333"), 2) == '<bdi dir="ltr">\u22120,33</bdi>'
        assert ratio(19, 27) == '<bdi dir="ltr">19 / 27</bdi>'
        assert percent(None) == signed(None) == "—"


def test_arabic_admin_pages_of_quiz_results_and_attendance_isolate_latin_and_figures(client, demo):
    """The trainer's admin pages in Arabic: trainees' Latin names, a Latin quiz choice, the
    workshop's Latin place, scores and rates."""
    from wagtail.users.models import UserProfile

    quiz = demo
    trainer = get_user_model().objects.get(username="formateur")
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = "ar"
    profile.save()
    client.force_login(trainer)
    workshop = TrainingPlanPage.objects.get().workshops.first()
    type(workshop).objects.filter(pk=workshop.pk).update(place_ar=LATIN_PLACE)  # as if left untranslated
    shown = {
        "quiz list": page(client, path_to("assessments_quiz_list")),
        "quiz results": page(client, path_to("assessments_quiz_results", quiz_id=quiz.pk)),
        "attendance list": page(client, path_to("lms_attendance")),
        "attendance sheet": page(client, path_to("lms_attendance_sheet", workshop_id=workshop.pk)),
    }
    for where, html in shown.items():
        assert BeautifulSoup(html, "html.parser").html.get("dir") == "rtl", where
        assert_isolated(html, where)
    # The page shows the figures and names it isolates (a quiz with attempts, trainees by name).
    results = BeautifulSoup(shown["quiz results"], "html.parser")
    names = [cell.get_text() for cell in results.select("tbody th bdi")]
    assert names and all(re.search("[A-Za-z]", name) for name in names), names
    assert results.select('td bdi[dir="ltr"]'), "no score isolated"
    sheet = BeautifulSoup(shown["attendance sheet"], "html.parser")
    assert LATIN_PLACE in [bdi.get_text() for bdi in sheet.find_all("bdi")]

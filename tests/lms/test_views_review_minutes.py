"""The minutes are a record: fixed at their meeting date, adopted once, corrected by a new version,
edited by the trainer only, and printed in Arabic with the Arabic place and participants."""

import re
import shutil
import subprocess
from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image

from assessments.minutes import adopt_minutes
from assessments.models import MeetingMinutes, QuestionnaireItem, QuestionnairePage
from assessments.questionnaires import ItemValue, submit_response
from courses.models import Cohort, Competence
from home.roles import Role
from tests.conftest import translated
from tests.factories.questionnaires import make_questionnaire
from tests.paths import path_to

pytestmark = pytest.mark.django_db

MEETING = date(2026, 11, 20)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
POPPLER = pytest.mark.skipif(
    not shutil.which("pdftotext") or not shutil.which("pdftoppm"), reason="poppler-utils missing"
)


def on(day: date):
    """Run as if it were noon on `day` (responses are dated with the local date)."""
    return mock.patch(
        "django.utils.timezone.now",
        return_value=timezone.make_aware(datetime(day.year, day.month, day.day, 12)),
    )


def answer(questionnaire, user, level: int, day: date, text: str = "") -> None:
    values = {
        item.pk: ItemValue(number=level, importance=5)
        for item in questionnaire.items.filter(kind="competence")
    }
    if text:
        values[questionnaire.items.get(kind="text").pk] = ItemValue(text=text)
    with on(day):
        submit_response(user=user, questionnaire=questionnaire, values=values)


def base(questionnaire: QuestionnairePage, language: str = "fr") -> str:
    return f"/{language}/review/questionnaires/{questionnaire.pk}/minutes"


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return CSRF.sub("", response.content.decode())


def pdf_text(client, url: str, tmp_path) -> str:
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf", url
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(response.content)
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def minutes_section(html: str) -> str:
    """The document itself: from the heading to the end of the results (not the buttons or messages)."""
    return html[html.index("<h1>") : html.index("</main>")]


@pytest.fixture
def cohort_questionnaire(make_user):
    cohort = Cohort.objects.create(name="Cohorte")
    trainees = [
        make_user(Role.TRAINEE, first_name=name, last_name="T") for name in ("Amira", "Walid", "Sonia")
    ]
    cohort.trainees.set(trainees)
    questionnaire = make_questionnaire(cohort=cohort)
    answer(questionnaire, trainees[0], 2, MEETING - timedelta(days=3), text="Avant la réunion")
    answer(questionnaire, trainees[1], 3, MEETING)
    return questionnaire, trainees


def draft_minutes(questionnaire, **fields) -> MeetingMinutes:
    values = {
        "meeting_date": MEETING,
        "place_fr": "Siège de l'OTE, Tunis",
        "place_ar": "مقرّ الديوان، تونس",
        "participants_fr": "Leila Trabelsi, task force",
        "participants_ar": "ليلى الطرابلسي، فريق العمل",
        "summary_fr": "Les besoins portent sur le financement.",
        **fields,
    }
    return MeetingMinutes.objects.create(questionnaire=questionnaire, **values)


# Fixed at the meeting date ---------------------------------------------------------------------


@POPPLER
def test_a_response_after_the_meeting_does_not_change_the_minutes(
    client, site_tree, trainer, cohort_questionnaire, tmp_path
):
    questionnaire, trainees = cohort_questionnaire
    draft_minutes(questionnaire)
    client.force_login(trainer)
    answer(questionnaire, trainees[2], 5, MEETING + timedelta(days=1), text="Après la réunion")
    html = page(client, base(questionnaire) + "/")
    text = pdf_text(client, base(questionnaire) + ".pdf", tmp_path)
    for shown in (html, text):
        assert "2 réponses reçues ; apprenants attendus : 3 (67 %)" in re.sub(r"<[^>]+>", "", shown)
        assert "Avant la réunion" in shown and "Après la réunion" not in shown
    assert "Sonia T" in html  # she had not answered by the meeting
    # The live results, outside the minutes, do count her.
    assert "3 réponses reçues ; apprenants attendus : 3" in page(
        client, path_to("lms:review:results", questionnaire_id=questionnaire.pk)
    )


def test_adopted_minutes_keep_what_they_showed_whatever_changes_later(
    client, site_tree, trainer, make_user, cohort_questionnaire
):
    questionnaire, trainees = cohort_questionnaire
    minutes = draft_minutes(questionnaire)
    competence = Competence.objects.order_by("sort_order").first()
    minutes.priority_competences.set([competence])
    client.force_login(trainer)
    with on(MEETING + timedelta(days=1)):
        assert client.post(base(questionnaire) + "/adopt/").status_code == 302
    before = {lang: minutes_section(page(client, base(questionnaire, lang) + "/")) for lang in ("fr", "ar")}
    assert "Compétence 1" in before["fr"] and "الكفاءة 1" in before["ar"]

    # Later: a late response (and an edited one), a question relabelled, a competence renamed,
    # the questionnaire reopened and renamed, the cohort grown.
    answer(questionnaire, trainees[2], 5, MEETING + timedelta(days=5), text="Après la réunion")
    answer(questionnaire, trainees[0], 5, MEETING + timedelta(days=6), text="Réponse modifiée")
    QuestionnaireItem.objects.filter(questionnaire=questionnaire, kind="text").update(
        label_fr="Autre libellé", label_ar="عنوان آخر"
    )
    Competence.objects.filter(pk=competence.pk).update(name_fr="Renommée", name_ar="أعيدت تسميتها")
    QuestionnairePage.objects.filter(pk=questionnaire.pk).update(
        title_fr="Nouveau titre", closes_at=timezone.now() + timedelta(days=30)
    )
    questionnaire.cohort.trainees.add(make_user(Role.TRAINEE))

    after = {lang: minutes_section(page(client, base(questionnaire, lang) + "/")) for lang in ("fr", "ar")}
    assert after == before
    assert "2 réponses reçues ; apprenants attendus : 3 (67 %)" in re.sub(r"<[^>]+>", "", after["fr"])
    assert "Avant la réunion" in after["fr"]


def test_anonymous_minutes_stay_readable_when_the_questionnaire_reopens(
    client, site_tree, trainer, make_user
):
    questionnaire = make_questionnaire(anonymity="anonymous")
    for level in (1, 2, 3, 4, 5):
        answer(questionnaire, make_user(Role.TRAINEE), level, MEETING - timedelta(days=2))
    QuestionnairePage.objects.filter(pk=questionnaire.pk).update(
        closes_at=timezone.make_aware(datetime(2026, 11, 19, 18))
    )
    minutes = draft_minutes(questionnaire)
    with on(MEETING):
        adopt_minutes(minutes=minutes, user=trainer)
    QuestionnairePage.objects.filter(pk=questionnaire.pk).update(closes_at=timezone.now() + timedelta(days=9))
    client.force_login(trainer)
    html = page(client, base(questionnaire) + "/")
    assert "5 réponses reçues" in html and "results-needs" in html  # the figures, not "appear once closed"


# Adopted minutes refuse every edit ------------------------------------------------------------


@pytest.mark.parametrize("role", ["trainer", "superuser"])
def test_adopted_minutes_refuse_edits_from_every_editor_and_replayed_posts(
    client, site_tree, make_user, cohort_questionnaire, role
):
    questionnaire, _trainees = cohort_questionnaire
    editor = make_user(Role.TRAINER) if role == "trainer" else make_user(is_superuser=True, is_staff=True)
    client.force_login(editor)
    edit = base(questionnaire) + "/edit/"
    form = {"meeting_date": "2026-11-20", "participants_fr": "Leila", "summary_fr": "Premier résumé"}
    assert client.post(edit, form).status_code == 302
    with on(MEETING):
        assert client.post(base(questionnaire) + "/adopt/").status_code == 302
    adopted = MeetingMinutes.objects.get()
    assert adopted.is_adopted and adopted.adopted_by == editor

    replay = client.post(edit, {**form, "summary_fr": "Réécrit"}, follow=True)
    assert (
        translated(
            "These minutes have been adopted and can no longer be changed: start a correction instead."
        )
        in replay.content.decode()
    )
    assert client.get(edit, follow=True).redirect_chain[-1][0].endswith("/minutes/")
    assert client.post(base(questionnaire) + "/adopt/").status_code == 302  # adopting again changes nothing
    again = MeetingMinutes.objects.get()
    assert (again.summary_fr, again.adopted_at, again.snapshot) == (
        "Premier résumé",
        adopted.adopted_at,
        adopted.snapshot,
    )


def test_adopted_minutes_refuse_changes_outside_the_review_area(site_tree, trainer, cohort_questionnaire):
    questionnaire, _trainees = cohort_questionnaire
    with on(MEETING):
        minutes = adopt_minutes(minutes=draft_minutes(questionnaire), user=trainer)
    minutes.summary_fr = "Réécrit"
    with pytest.raises(ValidationError):
        minutes.save()
    with pytest.raises(ValidationError):
        minutes.delete()
    with pytest.raises(ValidationError), on(MEETING):
        adopt_minutes(minutes=minutes, user=trainer)
    assert MeetingMinutes.objects.get().summary_fr == "Les besoins portent sur le financement."


def test_minutes_adopted_while_being_edited_are_not_overwritten(
    client, site_tree, trainer, cohort_questionnaire, monkeypatch
):
    questionnaire, _trainees = cohort_questionnaire
    stale = draft_minutes(questionnaire)  # the editor read the draft ...
    with on(MEETING):  # ... and someone adopted it before the editor saved
        adopt_minutes(minutes=MeetingMinutes.objects.get(pk=stale.pk), user=trainer)
    monkeypatch.setattr("lms.training.review.questionnaire_views.editable_draft", lambda **kwargs: stale)
    client.force_login(trainer)
    response = client.post(
        base(questionnaire, "ar") + "/edit/",
        {"meeting_date": "2026-11-21", "participants_fr": "Autre", "summary_fr": "Réécrit"},
        follow=True,
    )
    assert (
        translated(
            "These minutes have been adopted and can no longer be changed: start a correction instead.", "ar"
        )
        in response.content.decode()
    )
    minutes = MeetingMinutes.objects.get()
    assert (minutes.meeting_date, minutes.summary_fr) == (MEETING, "Les besoins portent sur le financement.")


def test_minutes_are_adopted_only_once_the_meeting_has_taken_place(
    client, site_tree, trainer, cohort_questionnaire
):
    questionnaire, _trainees = cohort_questionnaire
    draft_minutes(questionnaire)
    client.force_login(trainer)
    with on(MEETING - timedelta(days=1)):
        response = client.post(base(questionnaire, "ar") + "/adopt/", follow=True)
    assert translated("Minutes can only be adopted once the meeting has taken place.", "ar") in (
        response.content.decode()
    )
    assert not MeetingMinutes.objects.get().is_adopted


# A correction is a new version ----------------------------------------------------------------


@POPPLER
def test_a_correction_is_a_new_version_and_keeps_the_old_one_readable(
    client, site_tree, trainer, task_force, cohort_questionnaire, tmp_path
):
    questionnaire, _trainees = cohort_questionnaire
    with on(MEETING):
        adopt_minutes(minutes=draft_minutes(questionnaire), user=trainer)
    client.force_login(trainer)
    response = client.post(base(questionnaire) + "/correct/")
    assert response.status_code == 302 and response["Location"].endswith("/minutes/edit/")
    edit_form = page(client, base(questionnaire) + "/edit/")
    assert "Les besoins portent sur le financement." in edit_form  # the correction starts from v1
    client.post(
        base(questionnaire) + "/edit/",
        {"meeting_date": "2026-11-20", "participants_fr": "Leila Trabelsi", "summary_fr": "Résumé corrigé"},
    )
    # While the correction is a draft, the adopted version stays the current one.
    assert "Les besoins portent sur le financement." in page(client, base(questionnaire) + "/")
    with on(MEETING + timedelta(days=2)):
        client.post(base(questionnaire) + "/adopt/")
    first, second = MeetingMinutes.objects.order_by("version")
    assert (first.version, second.version) == (1, 2) and first.is_adopted and second.is_adopted
    assert first.summary_fr == "Les besoins portent sur le financement."

    client.force_login(task_force)
    current = page(client, base(questionnaire) + "/")
    assert "Résumé corrigé" in current and "Les besoins portent" not in current
    assert f"{base(questionnaire)}/versions/1/" in current  # the earlier version is listed
    old = page(client, base(questionnaire) + "/versions/1/")
    assert "Les besoins portent sur le financement." in old and "minutes-superseded" in old
    old_pdf = pdf_text(client, base(questionnaire) + "/versions/1.pdf", tmp_path)
    assert "Les besoins portent sur le financement." in old_pdf and "version 2" in old_pdf


# The task force reads, the trainer writes -------------------------------------------------------


def test_the_task_force_cannot_edit_the_minutes(client, site_tree, task_force, cohort_questionnaire):
    questionnaire, _trainees = cohort_questionnaire
    draft_minutes(questionnaire)
    client.force_login(task_force)
    html = page(client, base(questionnaire) + "/")
    assert "/minutes/edit/" not in html and "/minutes/adopt/" not in html
    edit = base(questionnaire) + "/edit/"
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"meeting_date": "2026-11-21", "participants_fr": "Moi"}).status_code == 403
    assert client.post(base(questionnaire) + "/adopt/").status_code == 403
    assert client.post(base(questionnaire) + "/correct/").status_code == 403
    minutes = MeetingMinutes.objects.get()
    assert (minutes.meeting_date, minutes.is_adopted) == (MEETING, False)


# Arabic place and participants -----------------------------------------------------------------


@POPPLER
@pytest.mark.parametrize("adopted", [False, True])
def test_the_arabic_pdf_prints_the_arabic_place_and_participants(
    client, site_tree, trainer, cohort_questionnaire, tmp_path, adopted
):
    questionnaire, _trainees = cohort_questionnaire
    minutes = draft_minutes(questionnaire)
    if adopted:
        with on(MEETING):
            adopt_minutes(minutes=minutes, user=trainer)
    client.force_login(trainer)
    response = client.get(base(questionnaire, "ar") + ".pdf")
    (tmp_path / "ar.pdf").write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "ar.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "تونس" in text and "ليلى الطرابلسي" in text
    assert "Siège" not in text and "Leila Trabelsi" not in text
    subprocess.run(
        ["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(tmp_path / "ar.pdf"), str(tmp_path / "p")],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > image.width * image.height // 200, "the first page is blank"
    # The French PDF prints the French ones.
    french = pdf_text(client, base(questionnaire) + ".pdf", tmp_path)
    assert "Siège de l'OTE, Tunis" in french and "Leila Trabelsi" in french


def test_an_empty_arabic_place_falls_back_on_the_french_one_marked_as_french(
    client, site_tree, trainer, cohort_questionnaire
):
    questionnaire, _trainees = cohort_questionnaire
    draft_minutes(questionnaire, place_ar="", participants_ar="")
    client.force_login(trainer)
    html = page(client, base(questionnaire, "ar") + "/")
    assert '<td lang="fr" dir="ltr"><bdi>Siège de l&#x27;OTE, Tunis</bdi></td>' in html
    assert "Leila Trabelsi, task force" in html

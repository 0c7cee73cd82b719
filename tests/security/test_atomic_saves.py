"""A failure injected halfway through a multi-row save leaves the database exactly as it was.

Where the write has a page, the failure is driven through it: the visitor gets the site's error page,
in French and Arabic, not a stack trace, and trying again afterwards works.
"""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from assessments import attempts as attempt_rules
from assessments import questionnaires as questionnaire_rules
from assessments.attempts import Answer, start_attempt, submit_attempt
from assessments.models import Attempt, AttemptQuestion, ItemAnswer, MeetingMinutes, Response
from assessments.questionnaires import ItemValue, save_draft, submit_response
from assessments.scoring import QuestionKind
from home.roles import Role
from lms.certificates import issuing as certificates
from lms.certificates import views as certificate_views
from lms.models import Certificate
from lms.operations.backup import fingerprint
from lms.privacy import erasure
from lms.training import plans as plan_rules
from lms.training.plans import AttendanceEntry, record_attendance
from tests.conftest import translated
from tests.factories.assessments import make_question, make_quiz
from tests.factories.courses import enrol, make_completed_course, make_course
from tests.factories.plans import make_plan
from tests.factories.questionnaires import make_questionnaire
from tests.paths import path_to

pytestmark = pytest.mark.django_db


class Injected(Exception):
    pass


def fail_on_call(number: int, real, *, look=None):
    """A stand-in for `real` that raises on its `number`-th call.

    Just before raising it keeps `look()` in `stand_in.written`: what the operation had already
    written inside its transaction, which shows that the failure really came halfway.
    """
    calls = {"count": 0}

    def stand_in(*args, **kwargs):
        calls["count"] += 1
        if calls["count"] == number:
            stand_in.written = look() if look else None
            raise Injected
        return real(*args, **kwargs)

    stand_in.written = None
    return stand_in


# The site's error page (templates/500.html) is static and says the same in both languages.
ERROR_PAGE = {
    "fr": "Le service rencontre un problème temporaire. Veuillez réessayer dans quelques instants.",
    "ar": "تعترض الخدمة مشكلة مؤقتة. يُرجى إعادة المحاولة بعد لحظات.",
}


@pytest.fixture
def visitor(client):
    """A test client that answers a failure as the server would (the error page) instead of raising it."""
    client.raise_request_exception = False
    return client


def assert_error_page(response, language: str = "fr") -> None:
    page = response.content.decode()
    assert response.status_code == 500
    assert ERROR_PAGE[language] in page
    assert "Traceback" not in page and "Injected" not in page


def url_in(page, language: str) -> str:
    with translation.override(language):
        return page.get_url()


def test_quiz_submission_failing_after_scoring_keeps_the_attempt_open(site_tree, trainee, monkeypatch):
    course = make_course(modules=1, lessons=0)
    enrol(trainee, course)
    quiz = make_quiz(course.get_children().first().specific, questions=[make_question(), make_question()])
    attempt = start_attempt(user=trainee, quiz=quiz)
    item = attempt.items.select_related("question").first()
    choice = item.question.choices.first()
    before = fingerprint()
    monkeypatch.setattr(attempt_rules, "_record_progress", fail_on_call(1, attempt_rules._record_progress))
    with pytest.raises(Injected):
        submit_attempt(attempt=attempt, answers={item.position: Answer(choices=frozenset({choice.pk}))})
    assert fingerprint() == before
    assert not AttemptQuestion.objects.filter(points__isnull=False).exists()


def test_questionnaire_submission_failing_after_the_answers_saves_nothing(site_tree, trainee, monkeypatch):
    questionnaire = make_questionnaire(anonymity="anonymous")
    text_item = questionnaire.items.get(kind="text")
    before = fingerprint()
    monkeypatch.setattr(
        questionnaire_rules.Participation.objects,
        "get_or_create",
        fail_on_call(1, questionnaire_rules.Participation.objects.get_or_create),
    )
    with pytest.raises(Injected):
        submit_response(
            user=trainee, questionnaire=questionnaire, values={text_item.pk: ItemValue(text="Avis")}
        )
    assert fingerprint() == before


def test_attendance_failing_on_the_second_trainee_saves_no_line(site_tree, make_user, monkeypatch):
    from courses.models import Cohort

    cohort = Cohort.objects.create(name="C")
    trainees = [make_user(Role.TRAINEE) for _ in range(3)]
    cohort.trainees.add(*trainees)
    workshop = make_plan(cohort=cohort).workshops.get()
    before = fingerprint()
    monkeypatch.setattr(
        plan_rules.Attendance.objects,
        "update_or_create",
        fail_on_call(2, plan_rules.Attendance.objects.update_or_create),
    )
    with pytest.raises(Injected):
        record_attendance(workshop=workshop, entries=[AttendanceEntry(t.pk, "present", "") for t in trainees])
    assert fingerprint() == before


def test_retention_failing_on_the_second_trainee_erases_no_one(site_tree, make_user, monkeypatch):
    long_ago = timezone.now() - timedelta(days=5 * 365)
    for name in ("ancien1", "ancien2"):
        user = make_user(Role.TRAINEE, username=name)
        user.last_login = long_ago
        user.save()
    before = fingerprint()
    monkeypatch.setattr(erasure, "erase_trainee", fail_on_call(2, erasure.erase_trainee))
    with pytest.raises(Injected):
        erasure.apply_retention(dry_run=False)
    assert fingerprint() == before


# The same failures through the pages ----------------------------------------------------------


@pytest.fixture
def quiz(site_tree, trainee):
    """A quiz of two questions for the trainee: a single-choice one, then a short-answer one."""
    course = make_course(modules=1, lessons=0)
    enrol(trainee, course)
    module = course.get_children().first().specific
    return make_quiz(module, questions=[make_question(), make_question(QuestionKind.SHORT)])


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_quiz_start_failing_on_the_question_rows_leaves_no_attempt(
    visitor, quiz, trainee, monkeypatch, language
):
    visitor.force_login(trainee)
    start = url_in(quiz, language) + "start/"
    before = fingerprint()
    with monkeypatch.context() as patch:
        stand_in = fail_on_call(1, AttemptQuestion.objects.bulk_create, look=Attempt.objects.count)
        patch.setattr(AttemptQuestion.objects, "bulk_create", stand_in)
        response = visitor.post(start)
    assert stand_in.written == 1  # the attempt row was in when its questions failed
    assert_error_page(response, language)
    assert fingerprint() == before
    # Trying again starts attempt 1, with its two questions: the failed start used up no attempt.
    assert visitor.post(start).status_code == 302
    attempt = Attempt.objects.get()
    assert (attempt.number, attempt.items.count()) == (1, 2)


def test_saving_answers_failing_on_the_second_question_saves_neither(visitor, quiz, trainee, monkeypatch):
    visitor.force_login(trainee)
    visitor.post(quiz.url + "start/")
    attempt = Attempt.objects.get()
    url = f"{quiz.url}attempt/{attempt.pk}/"
    answers = {"q1": "a", "q2": "Réinsertion", "action": "save"}
    chosen = AttemptQuestion.selected_choices.through.objects.count
    before = fingerprint()
    with monkeypatch.context() as patch:
        stand_in = fail_on_call(1, AttemptQuestion.save, look=chosen)
        patch.setattr(AttemptQuestion, "save", stand_in)
        response = visitor.post(url, answers)
    assert stand_in.written == 1  # the first question's choice was in when the typed answer failed
    assert_error_page(response)
    assert fingerprint() == before
    retry = visitor.post(url, answers, follow=True)
    assert (
        translated("Your answers have been saved. You can come back and finish later.")
        in retry.content.decode()
    )
    items = {item.position: item for item in attempt.items.all()}
    assert items[1].selected_choices.count() == 1 and items[2].text_answer == "Réinsertion"
    assert Attempt.objects.get().is_open


def test_saving_a_draft_failing_on_the_new_answers_keeps_the_old_draft(
    visitor, site_tree, trainee, monkeypatch
):
    questionnaire = make_questionnaire()
    text_item = questionnaire.items.get(kind="text")
    save_draft(
        user=trainee, questionnaire=questionnaire, values={text_item.pk: ItemValue(text="Premier avis")}
    )
    visitor.force_login(trainee)
    draft = {f"i{text_item.pk}": "Nouvel avis", "action": "save"}
    before = fingerprint()
    with monkeypatch.context() as patch:
        stand_in = fail_on_call(1, ItemAnswer.objects.bulk_create, look=ItemAnswer.objects.count)
        patch.setattr(ItemAnswer.objects, "bulk_create", stand_in)
        response = visitor.post(questionnaire.url, draft)
    assert stand_in.written == 0  # the old answers were deleted when the new ones failed
    assert_error_page(response)
    assert fingerprint() == before
    assert ItemAnswer.objects.get().text == "Premier avis"
    retry = visitor.post(questionnaire.url, draft, follow=True)
    assert (
        translated("Your draft has been saved. You can come back and finish later.") in retry.content.decode()
    )
    assert Response.objects.get().answers.get().text == "Nouvel avis"


def test_minutes_failing_on_their_competences_keep_the_old_minutes(visitor, site_tree, trainer, monkeypatch):
    questionnaire = make_questionnaire()
    first, second = (item.competence for item in questionnaire.items.filter(kind="competence")[:2])
    minutes = MeetingMinutes.objects.create(
        questionnaire=questionnaire,
        meeting_date="2026-11-20",
        participants="Leila",
        summary_fr="Ancien résumé",
    )
    minutes.priority_competences.set([first])
    visitor.force_login(trainer)
    edit = path_to("lms:review:minutes_edit", language="ar", questionnaire_id=questionnaire.pk)
    changes = {
        "meeting_date": "2026-11-27",
        "participants_fr": "Leila, Karim",
        "summary_fr": "Nouveau résumé",
        "priority_competences": [second.pk],
    }
    field = MeetingMinutes._meta.get_field("priority_competences")
    before = fingerprint()
    with monkeypatch.context() as patch:
        stand_in = fail_on_call(1, field.save_form_data, look=lambda: MeetingMinutes.objects.get().summary_fr)
        patch.setattr(field, "save_form_data", stand_in)
        response = visitor.post(edit, changes)
    assert stand_in.written == "Nouveau résumé"  # the minutes were saved when their competences failed
    assert_error_page(response, "ar")
    assert fingerprint() == before
    retry = visitor.post(edit, changes, follow=True)
    assert translated("The minutes have been saved.", "ar") in retry.content.decode()
    minutes = MeetingMinutes.objects.get()
    assert minutes.summary_fr == "Nouveau résumé" and list(minutes.priority_competences.all()) == [second]


@pytest.fixture
def completed_course(site_tree, trainee):
    return make_completed_course(trainee, lessons=1)


def test_certificate_failing_after_a_code_collision_is_not_issued(
    visitor, trainee, make_user, completed_course, monkeypatch
):
    Certificate.objects.create(
        user=make_user(Role.TRAINEE),
        code="AAAA-BBBB-CCCC",
        holder_name="Sami",
        title_fr="Autre",
        title_ar="آخر",
        completed_on="2026-11-20",
        issued_on="2026-11-20",
    )
    # Each request first draws the code already taken (a real IntegrityError, undone by its
    # savepoint), then a new one: the failure is injected into that second write.
    codes = iter(["AAAA-BBBB-CCCC", "DDDD-EEEE-FFFF", "AAAA-BBBB-CCCC", "GGGG-HHHH-JJJJ"])
    monkeypatch.setattr(certificates, "new_code", lambda: next(codes))
    visitor.force_login(trainee)
    url = path_to("lms:course_certificate", course_id=completed_course.pk)
    before = fingerprint()
    with monkeypatch.context() as patch:
        stand_in = fail_on_call(2, Certificate.objects.create)
        patch.setattr(Certificate.objects, "create", stand_in)
        response = visitor.get(url)
    assert_error_page(response)
    assert fingerprint() == before
    retry = visitor.get(url)
    assert retry.status_code == 200 and retry["Content-Type"] == "application/pdf"
    assert Certificate.objects.get(user=trainee).code == "GGGG-HHHH-JJJJ"


def test_certificate_pdf_failing_after_issue_gives_back_the_same_certificate(
    visitor, trainee, completed_course, monkeypatch
):
    """Issuing is its own write: a certificate issued before its PDF failed is complete, and the
    next download gives back that one, with the same code."""
    visitor.force_login(trainee)
    url = path_to("lms:course_certificate", language="ar", course_id=completed_course.pk)
    with monkeypatch.context() as patch:
        patch.setattr(certificate_views, "render_pdf", fail_on_call(1, certificate_views.render_pdf))
        response = visitor.get(url)
    assert_error_page(response, "ar")
    issued = Certificate.objects.get()
    retry = visitor.get(url)
    assert retry.status_code == 200 and retry["Content-Type"] == "application/pdf"
    assert list(Certificate.objects.values_list("pk", "code")) == [(issued.pk, issued.code)]

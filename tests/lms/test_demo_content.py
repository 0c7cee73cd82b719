import tomllib
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from assessments.models import Attempt, Choice, Question, QuizPage, QuizSlot
from assessments.scoring import QuestionKind
from courses.models import Cohort, Competence, CoursePage, Domain, LessonPage, ModulePage, StepProgress
from courses.reading import count_words
from courses.translation_status import missing_translations

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "competences": Competence.objects.count(),
        "progress": StepProgress.objects.count(),
        "cohort trainees": Cohort.objects.get().trainees.count(),
        "questions": Question.objects.count(),
        "choices": Choice.objects.count(),
        "quiz slots": QuizSlot.objects.count(),
        "attempts": Attempt.objects.count(),
    }


@pytest.fixture
def demo(db):
    call_command("load_demo", "--allow-production", verbosity=0)


def test_demo_is_complete_in_both_languages_and_reloading_changes_nothing(demo):
    course = CoursePage.objects.get()
    assert ModulePage.objects.child_of(course).count() >= 5
    lessons = list(LessonPage.objects.descendant_of(course))
    assert len(lessons) >= 15
    for lesson in lessons:
        for language in ("fr", "ar"):
            words = sum(count_words(str(block.render())) for block in getattr(lesson, f"body_{language}"))
            assert words >= 300, (lesson.title, language, words)
    assert Competence.objects.count() == 12
    for item in [*Page.objects.type(CoursePage, ModulePage, LessonPage).specific()]:
        assert missing_translations(item) == [], item.title
    assert Question.objects.count() >= 30
    assert {q.kind for q in Question.objects.all()} == set(QuestionKind.values)
    assert QuizPage.objects.filter(purpose="graded").count() >= 5
    assert QuizPage.objects.get(purpose="post_test").paired_pre_test.purpose == "pre_test"
    assert Attempt.objects.filter(quiz__purpose="post_test").exists()
    assert_pre_and_post_tests_follow_the_gain_rules()
    for item in [
        *Competence.objects.all(),
        *Domain.objects.all(),
        *Question.objects.all(),
        *Choice.objects.all(),
        *QuizPage.objects.all(),
    ]:
        assert missing_translations(item) == [], str(item)
    before = snapshot()
    call_command("load_demo", "--allow-production", verbosity=0)
    assert snapshot() == before


def test_demo_refuses_to_run_in_production_unless_asked(db, settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo", verbosity=0)


def assert_pre_and_post_tests_follow_the_gain_rules() -> None:
    post = QuizPage.objects.get(purpose="post_test")
    pre = post.paired_pre_test
    pre_questions = [slot.question for slot in pre.slots.select_related("question")]
    post_questions = [slot.question for slot in post.slots.select_related("question")]
    assert not {q.pk for q in pre_questions} & {q.pk for q in post_questions}  # a parallel set
    assert sorted(q.competence.key for q in pre_questions) == sorted(q.competence.key for q in post_questions)
    assert sorted(q.kind for q in pre_questions) == sorted(q.kind for q in post_questions)
    assert all(quiz.shuffle_choices for quiz in QuizPage.objects.all())
    per_trainee = Counter(Attempt.objects.filter(quiz=pre).values_list("user_id", flat=True))
    assert per_trainee and set(per_trainee.values()) == {1}


def test_the_demo_data_pairs_parallel_tests_and_varies_the_correct_position():
    """From the data files alone: the post-test shares no question with the pre-test, and the
    correct choice is not always the first one written."""
    data = Path(__file__).resolve().parents[2] / "lms" / "demo" / "data"
    questions = {q["key"]: q for q in tomllib.loads((data / "questions.toml").read_text())["question"]}
    quizzes = {q["key"]: q for q in tomllib.loads((data / "quizzes.toml").read_text())["quiz"]}
    pre, post = quizzes["pretest"]["questions"], quizzes["posttest"]["questions"]
    assert len(pre) == len(post) == 10 and not set(pre) & set(post)
    assert [questions[k]["competence"] for k in pre] == [questions[k]["competence"] for k in post]
    in_module_quizzes = {
        k for key, quiz in quizzes.items() if key not in ("pretest", "posttest") for k in quiz["questions"]
    }
    assert not in_module_quizzes & set(post)
    first_correct = [
        q["choice"][0].get("correct", False)
        for q in questions.values()
        if q["type"] in ("single", "multiple")
    ]
    assert sum(first_correct) <= len(first_correct) // 2

"""The question bank and the quizzes of the starter course, from `data/`. Idempotent."""

from pathlib import Path

from django.db import transaction

from assessments.models import AcceptedAnswer, Choice, Question, QuizPage, QuizSlot
from courses.models import Competence, ModulePage

from .course_content import DATA, LANGUAGES, _translated, read_toml, upsert_child
from .markup import rich_text


def _choice_rows(item: dict) -> list[tuple]:
    return [
        (
            choice["text_fr"],
            choice["text_ar"],
            choice.get("correct", False),
            choice.get("feedback_fr", ""),
            choice.get("feedback_ar", ""),
        )
        for choice in item.get("choice", [])
    ]


def _answer_rows(item: dict) -> list[tuple]:
    return [(lang, text) for lang in LANGUAGES for text in item.get(f"accepted_{lang}", [])]


def _sync_children(question: Question, item: dict) -> None:
    current_choices = [
        (c.text_fr, c.text_ar, c.is_correct, c.feedback_fr, c.feedback_ar)
        for c in question.choices.order_by("sort_order")
    ]
    if current_choices != _choice_rows(item):
        question.choices.all().delete()
        Choice.objects.bulk_create(
            Choice(
                question=question,
                sort_order=order,
                text=text_fr,
                text_fr=text_fr,
                text_ar=text_ar,
                is_correct=correct,
                feedback=feedback_fr,
                feedback_fr=feedback_fr,
                feedback_ar=feedback_ar,
            )
            for order, (text_fr, text_ar, correct, feedback_fr, feedback_ar) in enumerate(_choice_rows(item))
        )
    current_answers = [(a.language, a.text) for a in question.accepted_answers.order_by("sort_order")]
    if current_answers != _answer_rows(item):
        question.accepted_answers.all().delete()
        AcceptedAnswer.objects.bulk_create(
            AcceptedAnswer(question=question, sort_order=order, language=lang, text=text)
            for order, (lang, text) in enumerate(_answer_rows(item))
        )


@transaction.atomic
def load_questions(competences: dict[str, Competence], path: Path = DATA / "questions.toml") -> dict:
    questions = {}
    for item in read_toml(path)["question"]:
        fields = {
            "kind": item["type"],
            "competence": competences.get(item.get("competence")),
            "stem": rich_text(item["stem_fr"]),
            "general_feedback": rich_text(item.get("feedback_fr", "")),
        }
        for lang in LANGUAGES:
            fields[f"stem_{lang}"] = rich_text(item[f"stem_{lang}"])
            fields[f"general_feedback_{lang}"] = rich_text(item.get(f"feedback_{lang}", ""))
        question, _created = Question.objects.update_or_create(key=item["key"], defaults=fields)
        _sync_children(question, item)
        questions[item["key"]] = question
    return questions


@transaction.atomic
def load_quizzes(
    modules: dict[str, ModulePage], questions: dict[str, Question], path: Path = DATA / "quizzes.toml"
) -> dict[str, QuizPage]:
    quizzes: dict[str, QuizPage] = {}
    for item in read_toml(path)["quiz"]:
        module = modules[item["module"]]
        fields = _translated(item, "title", "slug", "introduction", markdown_fields=("introduction",))
        fields["purpose"] = item["purpose"]
        fields["pass_mark"] = item.get("pass_mark", 60)
        fields["max_attempts"] = item.get("max_attempts", 0)
        fields["shuffle_choices"] = item.get("shuffle_choices", True)
        if item["purpose"] == "post_test" and "pretest" in quizzes:
            fields["paired_pre_test"] = quizzes["pretest"]
        is_new = not QuizPage.objects.child_of(module).filter(slug_fr=item["slug_fr"]).exists()
        quiz = upsert_child(module, QuizPage, item["slug_fr"], fields)
        if is_new and item["purpose"] == "pre_test":
            quiz.move(module, pos="first-child")
        wanted = [questions[key].pk for key in item["questions"]]
        if list(quiz.slots.order_by("sort_order").values_list("question_id", flat=True)) != wanted:
            quiz.slots.all().delete()
            QuizSlot.objects.bulk_create(
                QuizSlot(quiz=quiz, question_id=pk, sort_order=order) for order, pk in enumerate(wanted)
            )
        quizzes[item["key"]] = quiz
    return quizzes

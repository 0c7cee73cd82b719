"""Builders for questions and quizzes: `make_question(kind=...)`, `make_quiz(module, ...)`."""

from itertools import count

from django.utils import translation

from assessments.models import AcceptedAnswer, Choice, Question, QuizPage, QuizSlot
from assessments.scoring import QuestionKind

_sequence = count(1)


def make_question(kind: str = QuestionKind.SINGLE, *, correct=(0,), choices: int = 3, **fields) -> Question:
    n = next(_sequence)
    question = Question.objects.create(
        kind=kind,
        stem_fr=f"<p>Question {n} ?</p>",
        stem_ar=f"<p>السؤال {n}؟</p>",
        general_feedback_fr=f"<p>Explication {n}</p>",
        general_feedback_ar=f"<p>شرح {n}</p>",
        **fields,
    )
    if kind == QuestionKind.SHORT:
        AcceptedAnswer.objects.create(question=question, language="fr", text="Réinsertion", sort_order=0)
        AcceptedAnswer.objects.create(question=question, language="ar", text="إعادة الإدماج", sort_order=1)
        return question
    if kind == QuestionKind.TRUE_FALSE:
        choices = 2
    for index in range(choices):
        Choice.objects.create(
            question=question,
            sort_order=index,
            text_fr=f"Choix {index + 1}",
            text_ar=f"الاختيار {index + 1}",
            is_correct=index in correct,
            feedback_fr=f"Retour sur le choix {index + 1}",
            feedback_ar=f"تعليق على الاختيار {index + 1}",
        )
    return question


def make_quiz(module, *, questions=None, live: bool = True, **fields) -> QuizPage:
    n = next(_sequence)
    # Tests pick choices by the author's order (`choice_letters`): keep it unless a test asks otherwise.
    fields.setdefault("shuffle_choices", False)
    with translation.override("fr"):
        quiz = QuizPage(
            title=f"Quiz {n}",
            title_fr=f"Quiz {n}",
            title_ar=f"اختبار {n}",
            slug=f"quiz-{n}",
            slug_fr=f"quiz-{n}",
            slug_ar=f"ikhtibar-{n}",
            live=live,
            **fields,
        )
        module.add_child(instance=quiz)
    for position, question in enumerate(questions if questions is not None else [make_question()]):
        QuizSlot.objects.create(quiz=quiz, question=question, sort_order=position)
    return quiz


def choice_letters(question: Question, correct: bool) -> list[str]:
    """Letters of the (un)correct choices, assuming the author's order was kept."""
    return [
        "abcdefgh"[index]
        for index, choice in enumerate(question.choices.order_by("sort_order"))
        if choice.is_correct == correct
    ]

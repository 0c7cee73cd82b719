"""The rules the admin's forms hold for authors: a question's choices fit its kind, a quiz has questions
and closes after it opens, a questionnaire item says what it asks (QuestionAdminForm, QuizPageForm,
QuestionnairePageForm), each refused with a message the author can act on."""

import pytest
from django.utils.translation import gettext as _
from wagtail.admin.panels import get_edit_handler
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from assessments.models import Question, QuestionnairePage, QuizPage
from assessments.scoring import QuestionKind
from tests.factories.assessments import make_question
from tests.factories.courses import make_course
from tests.factories.questionnaires import make_questionnaire

pytestmark = pytest.mark.django_db


def question_form(*, kind: str, choices: list[bool], accepted: list[str] = ()):
    form_class = get_edit_handler(Question).get_form_class()
    data = nested_form_data(
        {
            "kind": kind,
            "stem_fr": rich_text("<p>Quelle source de financement choisir ?</p>"),
            "stem_ar": rich_text("<p>أيّ مصدر تمويل تختارون؟</p>"),
            "choices": inline_formset(
                [
                    {"text_fr": f"Choix {i}", "text_ar": f"خيار {i}", "is_correct": flag}
                    for i, flag in enumerate(choices)
                ]
            ),
            "accepted_answers": inline_formset([{"language": "fr", "text": text} for text in accepted]),
        }
    )
    # An unticked checkbox is absent from a real post.
    data = {key: value for key, value in data.items() if value is not False}
    return form_class(data, instance=Question())


@pytest.mark.parametrize(
    ("kind", "choices", "accepted", "message"),
    [
        (QuestionKind.SINGLE, [True], [], "A single-choice question needs at least two choices."),
        (
            QuestionKind.SINGLE,
            [True, True, False],
            [],
            "A single-choice question needs exactly one correct choice.",
        ),
        (
            QuestionKind.MULTIPLE,
            [False, False],
            [],
            "A multiple-choice question needs at least one correct choice.",
        ),
        (
            QuestionKind.TRUE_FALSE,
            [True, False, False],
            [],
            "A true-or-false question needs exactly two choices, one of them correct.",
        ),
        (QuestionKind.SHORT, [], [], "A short-answer question needs at least one accepted answer."),
    ],
)
def test_a_question_whose_choices_do_not_fit_its_kind_is_refused_with_the_reason(
    site_tree, kind, choices, accepted, message
):
    form = question_form(kind=kind, choices=choices, accepted=accepted)
    assert not form.is_valid()
    assert [str(_(message))] == list(form.non_field_errors())


@pytest.mark.parametrize(
    ("kind", "choices", "accepted"),
    [
        (QuestionKind.SINGLE, [False, True, False], []),
        (QuestionKind.MULTIPLE, [True, True, False], []),
        (QuestionKind.TRUE_FALSE, [False, True], []),
        (QuestionKind.SHORT, [], ["Réintégration"]),
    ],
)
def test_a_well_formed_question_of_each_kind_is_accepted(site_tree, kind, choices, accepted):
    form = question_form(kind=kind, choices=choices, accepted=accepted)
    assert form.is_valid(), form.errors


def test_the_refusal_is_in_the_authors_language(site_tree):
    from django.utils import translation

    with translation.override("ar"):
        form = question_form(kind=QuestionKind.SHORT, choices=[])
        assert not form.is_valid()
        assert "إجابة مقبولة" in " ".join(form.non_field_errors())


def page_form(page, parent, user, **changes):
    """The admin's edit form of `page` with its current values, `changes` applied on top."""
    form_class = type(page).get_edit_handler().get_form_class()
    blank = form_class(instance=page, parent_page=parent, for_user=user)
    data = {}
    for name, field in blank.fields.items():
        value = blank[name].value()
        if value is None or value is False:
            continue
        if isinstance(field.widget, DraftailRichTextArea):
            value = field.widget.format_value(value)
        data[name] = value.pk if hasattr(value, "pk") else value
    data.update(changes)
    return form_class(data, instance=page, parent_page=parent, for_user=user)


def slots(*rows) -> dict:
    return nested_form_data({"slots": inline_formset(list(rows))})


def test_a_quiz_that_closes_before_it_opens_or_has_no_question_is_refused(site_tree, trainer):
    from tests.factories.assessments import make_quiz

    course = make_course(modules=1, lessons=0)
    module = course.get_children().first().specific
    quiz = make_quiz(module, questions=[make_question()])
    form = page_form(
        quiz, module, trainer, opens_at="2026-12-10 10:00", closes_at="2026-12-09 10:00", **slots()
    )
    assert not form.is_valid()
    assert _("The quiz must close after it opens.") in form.errors["closes_at"]
    assert _("Add at least one question to the quiz.") in form.non_field_errors()


def test_a_quiz_slot_takes_one_question_or_random_questions_not_both(site_tree, trainer):
    from tests.factories.assessments import make_quiz
    from tests.factories.questionnaires import make_competences

    course = make_course(modules=1, lessons=0)
    module = course.get_children().first().specific
    question = make_question()
    quiz = make_quiz(module, questions=[question])
    competence = make_competences()[0]
    form = page_form(
        quiz,
        module,
        trainer,
        **slots({"question": question.pk, "random_count": 2, "random_competence": competence.pk}),
    )
    assert not form.is_valid()
    slot_errors = form.formsets["slots"].forms[0].non_field_errors()
    assert _("Choose either one question, or a number of random questions of a competence.") in slot_errors


def test_a_pre_test_allows_one_attempt_only(site_tree, trainer):
    from tests.factories.assessments import make_quiz

    course = make_course(modules=1, lessons=0)
    module = course.get_children().first().specific
    question = make_question()
    quiz = make_quiz(module, questions=[question])
    form = page_form(
        quiz, module, trainer, purpose="pre_test", max_attempts=3, **slots({"question": question.pk})
    )
    assert not form.is_valid()
    assert (
        _("A pre-test allows one attempt only, to measure the starting point.") in form.errors["max_attempts"]
    )


def items(*rows) -> dict:
    return nested_form_data({"items": inline_formset([{"scale_max": 5, **row} for row in rows])})


def test_a_questionnaire_item_must_say_what_it_asks_and_offer_matching_options(site_tree, trainer):
    questionnaire = make_questionnaire()
    parent = questionnaire.get_parent().specific
    form = page_form(
        questionnaire,
        parent,
        trainer,
        **items(
            {"kind": "competence", "required": True},
            {"kind": "single", "label_fr": "Votre service ?", "options_fr": "Un seul"},
            {
                "kind": "single",
                "label_fr": "Votre région ?",
                "options_fr": "Nord\nSud",
                "options_ar": "الشمال",
            },
            {"kind": "rating", "label_fr": "Utilité", "scale_max": 20},
            {"kind": "text", "label_fr": ""},
        ),
    )
    assert not form.is_valid()
    rows = form.formsets["items"].forms
    assert _("Choose the competence to rate.") in rows[0].errors["competence"]
    assert _("Give at least two options, one per line.") in rows[1].non_field_errors()
    assert _("Every language must have the same number of option lines.") in rows[2].non_field_errors()
    assert _("A rating scale goes from 1 to a maximum between 2 and 10.") in rows[3].errors["scale_max"]
    assert _("Write the question.") in rows[4].non_field_errors()


def test_a_questionnaire_that_closes_before_it_opens_is_refused(site_tree, trainer):
    questionnaire = make_questionnaire()
    parent = questionnaire.get_parent().specific
    form = page_form(
        questionnaire, parent, trainer, opens_at="2026-12-10 10:00", closes_at="2026-12-01 10:00"
    )
    assert not form.is_valid()
    assert _("The questionnaire must close after it opens.") in form.errors["closes_at"]


def criteria(*rows) -> dict:
    """Rubric criteria as the admin posts them, each with `levels` levels described in French."""
    return nested_form_data(
        {
            "criteria": inline_formset(
                [
                    {
                        "title_fr": row.get("title", "Critère"),
                        **{f"level_{n}_fr": f"Niveau {n}" for n in range(1, row.get("levels", 4) + 1)},
                        **{f"level_{n}_ar": text for n, text in enumerate(row.get("arabic", []), start=1)},
                        **{f"points_{n}": n - 1 for n in range(1, 5)},
                    }
                    for row in rows
                ]
            )
        }
    )


def _assignment(site_tree):
    from tests.factories.assignments import make_assignment

    module = make_course(modules=1, lessons=0).get_children().first().specific
    return make_assignment(module, criteria=0), module


def test_a_rubric_criterion_describes_at_least_three_levels(site_tree, trainer):
    """A criterion with fewer than three levels could never be marked: the feedback on the work could
    never be released. A level described in one language counts (the other falls back to it)."""
    assignment, module = _assignment(site_tree)
    form = page_form(
        assignment,
        module,
        trainer,
        **criteria(
            {"title": "Deux niveaux", "levels": 2},
            {"title": "Aucun niveau", "levels": 0},
            {"title": "Trois niveaux", "levels": 3},
            {"title": "En arabe", "levels": 0, "arabic": ["ضعيف", "مقبول", "جيّد"]},
        ),
    )
    assert not form.is_valid()
    rows = form.formsets["criteria"].forms
    message = _("Describe at least three levels of this criterion (a fourth is optional).")
    assert [message in row.non_field_errors() for row in rows] == [True, True, False, False]


def test_a_rubric_of_three_or_four_levels_or_comments_only_is_accepted(site_tree, trainer):
    assignment, module = _assignment(site_tree)
    form = page_form(assignment, module, trainer, **criteria({"levels": 3}, {"levels": 4}))
    assert form.is_valid(), (form.errors, [f.errors for f in form.formsets["criteria"].forms])
    form = page_form(assignment, module, trainer, comments_only="on", **criteria({"levels": 1}))
    assert form.is_valid(), (form.errors, [f.errors for f in form.formsets["criteria"].forms])


def test_the_page_forms_are_the_assessments_forms():
    from assessments.forms import AssignmentPageForm, QuestionnairePageForm, QuizPageForm
    from assessments.models import AssignmentPage

    assert issubclass(QuizPage.get_edit_handler().get_form_class(), QuizPageForm)
    assert issubclass(QuestionnairePage.get_edit_handler().get_form_class(), QuestionnairePageForm)
    assert issubclass(AssignmentPage.get_edit_handler().get_form_class(), AssignmentPageForm)


def _all_errors(form) -> set[str]:
    """Every message the form and its inline forms show, as text."""
    form.is_valid()
    messages = {str(m) for errors in form.errors.values() for m in errors}
    for formset in getattr(form, "formsets", {}).values():
        for inline in formset.forms:
            messages |= {str(m) for errors in inline.errors.values() for m in errors}
    return messages


ADMIN_MESSAGES = {
    "question": [
        "A single-choice question needs at least two choices.",
        "A single-choice question needs exactly one correct choice.",
        "A multiple-choice question needs at least two choices.",
        "A multiple-choice question needs at least one correct choice.",
        "A true-or-false question needs exactly two choices, one of them correct.",
        "A short-answer question needs at least one accepted answer.",
    ],
    "quiz": [
        "The quiz must close after it opens.",
        "Add at least one question to the quiz.",
        "Choose either one question, or a number of random questions of a competence.",
        "Random questions need both a number and a competence.",
        "A pre-test allows one attempt only, to measure the starting point.",
    ],
    "questionnaire": [
        "Anonymity cannot change once responses exist.",
        "The questionnaire must close after it opens.",
        "Choose the competence to rate.",
        "Write the question.",
        "Give at least two options, one per line.",
        "Every language must have the same number of option lines.",
        "A rating scale goes from 1 to a maximum between 2 and 10.",
    ],
    "assignment": ["Describe at least three levels of this criterion (a fourth is optional)."],
}


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_admin_form_message_is_reachable_and_shown_in_the_authors_language(
    site_tree, trainer, make_user, language
):
    from django.utils import translation

    from assessments.questionnaires import ItemValue, submit_response
    from home.roles import Role
    from tests.factories.assessments import make_quiz

    course = make_course(modules=1, lessons=0)
    module = course.get_children().first().specific
    question = make_question()
    quiz = make_quiz(module, questions=[question])
    assignment, assignment_module = _assignment(site_tree)
    questionnaire = make_questionnaire(competences=[])
    submit_response(
        user=make_user(Role.TRAINEE),
        questionnaire=questionnaire,
        values={questionnaire.items.get(kind="text").pk: ItemValue(text="Merci")},
    )
    with translation.override(language):
        shown = {
            "question": set().union(
                *(
                    _all_errors(question_form(kind=kind, choices=choices))
                    for kind, choices in [
                        (QuestionKind.SINGLE, [True]),
                        (QuestionKind.SINGLE, [True, True]),
                        (QuestionKind.MULTIPLE, [True]),
                        (QuestionKind.MULTIPLE, [False, False]),
                        (QuestionKind.TRUE_FALSE, [True]),
                        (QuestionKind.SHORT, []),
                    ]
                )
            ),
            "quiz": _all_errors(
                page_form(quiz, module, trainer, opens_at="2026-12-10 10:00", closes_at="2026-12-09 10:00")
            )
            | _all_errors(page_form(quiz, module, trainer, purpose="pre_test", max_attempts=3, **slots()))
            | _all_errors(
                page_form(
                    quiz,
                    module,
                    trainer,
                    **slots({"question": question.pk, "random_count": 2}, {"random_count": 2}),
                )
            ),
            "questionnaire": _all_errors(
                page_form(
                    questionnaire,
                    questionnaire.get_parent().specific,
                    trainer,
                    anonymity="anonymous",
                    opens_at="2026-12-10 10:00",
                    closes_at="2026-12-01 10:00",
                    **items(
                        {"kind": "competence", "required": True},
                        {"kind": "text", "label_fr": ""},
                        {"kind": "multiple", "label_fr": "Q", "options_fr": "Un"},
                        {"kind": "availability", "label_fr": "Q", "options_fr": "A\nB", "options_ar": "أ"},
                        {"kind": "rating", "label_fr": "Q", "scale_max": 11},
                    ),
                )
            ),
        }
        shown["assignment"] = _all_errors(
            page_form(assignment, assignment_module, trainer, **criteria({"levels": 2}))
        )
        for form, messages in ADMIN_MESSAGES.items():
            expected = {_(message) for message in messages}
            assert expected <= shown[form], expected - shown[form]
            if language != "fr":  # translated, not the English of the source
                assert not expected & set(messages), expected & set(messages)

"""A question saved without its Arabic text is saved all the same, with a warning in the editor's
language, and the "missing translations" report lists it until it is complete (issue 19)."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail.users.models import UserProfile

from assessments.models import Question
from tests.paths import path_to

pytestmark = pytest.mark.django_db

ADD = path_to("wagtailsnippets_assessments_question:add")
REPORT = path_to("translation_gaps")


def _admin_in(client, user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)


def _reported_links(client) -> list[str]:
    html = BeautifulSoup(client.get(REPORT).content, "html.parser")
    return [link["href"] for link in html.select("table.listing tbody tr a")]


def _question_form(*, stem_ar: str, choice_ar: str) -> dict:
    return nested_form_data(
        {
            "kind": "single",
            "stem_fr": rich_text("Quand le Dispositif a-t-il ouvert ?"),
            "stem_ar": rich_text(stem_ar),
            "general_feedback_fr": rich_text(""),
            "general_feedback_ar": rich_text(""),
            "choices": inline_formset(
                [
                    {"text_fr": "En 2019", "text_ar": choice_ar, "is_correct": True},
                    {"text_fr": "En 2015", "text_ar": "سنة 2015", "is_correct": False},
                ]
            ),
            "accepted_answers": inline_formset([]),
        }
    )


@pytest.mark.parametrize(
    ("language", "warning"),
    [
        (
            "fr",
            "Enregistrement effectué, mais des traductions manquent : Question (arabe), "
            "Choix 1 : Texte (arabe). L'élément figure dans le rapport « Traductions manquantes ».",
        ),
        (
            "ar",
            "تمّ الحفظ مع ترجمات ناقصة: السؤال (بالعربية)، الخيار 1: النص (بالعربية). "
            "ويَرِد هذا العنصر في تقرير «الترجمات الناقصة».",
        ),
    ],
)
def test_a_question_saved_without_arabic_is_saved_with_a_warning_and_reported(
    client, site_tree, trainer, language, warning
):
    _admin_in(client, trainer, language)
    response = client.post(ADD, _question_form(stem_ar="", choice_ar=""))
    assert response.status_code == 302
    question = Question.objects.get()
    assert "Quand le Dispositif a-t-il ouvert ?" in question.stem_fr
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert warnings == [warning]
    assert _reported_links(client) == [path_to("wagtailsnippets_assessments_question:edit", question.pk)]


def test_a_question_complete_in_both_languages_gets_no_warning(client, site_tree, trainer):
    _admin_in(client, trainer, "fr")
    response = client.post(ADD, _question_form(stem_ar="متى فُتحت الآلية؟", choice_ar="سنة 2019"))
    assert response.status_code == 302
    assert [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"] == []
    assert _reported_links(client) == []


def test_completing_the_arabic_takes_the_question_off_the_report(client, site_tree, trainer):
    _admin_in(client, trainer, "fr")
    client.post(ADD, _question_form(stem_ar="", choice_ar=""))
    question = Question.objects.get()
    edit = path_to("wagtailsnippets_assessments_question:edit", question.pk)
    assert _reported_links(client) == [edit]
    data = _question_form(stem_ar="متى فُتحت الآلية؟", choice_ar="سنة 2019")
    choices = list(question.choices.order_by("sort_order"))
    data.update({"choices-INITIAL_FORMS": "2", "choices-0-id": choices[0].pk, "choices-1-id": choices[1].pk})
    response = client.post(edit, data)
    assert response.status_code == 302
    assert [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"] == []
    assert _reported_links(client) == []

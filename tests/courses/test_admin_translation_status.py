"""The translation panel, the "missing translations" report and the warnings on save (issue 19):
an empty page is never called complete; inline items (choices, workshops...) count."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.users.models import UserProfile

from courses.translation_status import missing_translations, translation_status
from tests.factories.assessments import make_question
from tests.factories.courses import add_lesson, lessons_of, make_course
from tests.paths import path_to

pytestmark = pytest.mark.django_db

REPORT = path_to("translation_gaps")


def _admin_in(client, user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)


def _panel_text(client, page) -> str:
    html = BeautifulSoup(client.get(path_to("wagtailadmin_pages:edit", page.pk)).content, "html.parser")
    return " ".join(html.select_one("[data-translation-status]").get_text().split())


def test_missing_arabic_text_is_reported(site_tree):
    lesson = lessons_of(make_course(modules=1, lessons=1))[0]
    assert missing_translations(lesson) == []
    lesson.summary_ar = ""
    lesson.body_ar = []
    lesson.save()
    missing = {(m.field, m.language) for m in missing_translations(lesson)}
    assert missing == {("summary", "ar"), ("body", "ar")}


def test_a_page_empty_in_both_languages_is_not_called_complete(client, site_tree, trainer):
    module = make_course(modules=1, lessons=0).get_children().first().specific
    lesson = add_lesson(module, title_ar="", summary_fr="", summary_ar="")
    lesson.body_fr = lesson.body_ar = []
    lesson.save()
    status = translation_status(lesson)
    assert not status.complete
    assert [(m.field, m.language) for m in status.missing] == [("title", "ar")]  # required
    assert status.empty == ["Résumé", "Contenu"]  # optional, written in no language
    _admin_in(client, trainer, "fr")
    text = _panel_text(client, lesson)
    assert "Tous les champs sont renseignés" not in text
    assert "Champs manquants en arabe : Titre" in text
    assert "Champs vides en français comme en arabe (lors du dernier enregistrement) : Résumé, Contenu" in (
        text
    )
    _admin_in(client, trainer, "ar")
    text = _panel_text(client, lesson)
    assert "جميع الحقول مستوفاة" not in text
    assert "الحقول الناقصة بالعربية:" in text


def test_the_panel_says_complete_only_when_every_field_is_written(client, site_tree, trainer):
    lesson = lessons_of(make_course(modules=1, lessons=1))[0]
    lesson.body_fr = lesson.body_ar = [("paragraph", "<p>Texte</p>")]
    lesson.save()
    _admin_in(client, trainer, "fr")
    assert "Tous les champs sont renseignés en français et en arabe" in _panel_text(client, lesson)


def test_a_new_page_is_not_called_complete_before_its_first_save(client, site_tree, trainer):
    module = make_course(modules=1, lessons=0).get_children().first()
    _admin_in(client, trainer, "fr")
    html = client.get(path_to("wagtailadmin_pages:add", "courses", "lessonpage", module.pk)).content.decode()
    assert "L'état de la traduction s'affiche après le premier enregistrement." in html
    assert "Tous les champs sont renseignés" not in html


def test_choices_of_a_question_count(site_tree):
    question = make_question(choices=2)
    assert missing_translations(question) == []
    choice = question.choices.last()
    choice.text_ar = ""
    choice.save()
    assert [(m.field, m.label, m.language) for m in missing_translations(question)] == [
        ("choices-2-text", "Choix 2 : Texte", "ar")
    ]


def test_trainer_sees_pages_missing_a_translation_in_a_report_and_in_the_editor(client, site_tree, trainer):
    course = make_course(modules=1, lessons=1)
    lesson = lessons_of(course)[0]
    lesson.summary_ar = ""
    lesson.save_revision().publish()
    _admin_in(client, trainer, "fr")
    report = client.get(REPORT).content.decode()
    assert lesson.title in report and course.title not in report
    editor = client.get(path_to("wagtailadmin_pages:edit", lesson.pk)).content.decode()
    assert "help-warning" in editor
    csv = b"".join(client.get(f"{REPORT}?export=csv").streaming_content).decode()
    assert lesson.title in csv and "Résumé (arabe)" in csv


def _question_without_arabic():
    question = make_question()
    question.stem_ar = ""
    question.save()
    return question


def _report_rows(client) -> list[str]:
    html = BeautifulSoup(client.get(REPORT).content, "html.parser")
    return [" ".join(row.get_text(" ").split()) for row in html.select("table.listing tbody tr")]


def test_the_report_lists_snippets_and_their_inline_items(client, site_tree, trainer):
    make_question()
    lacking = _question_without_arabic()
    choice = lacking.choices.first()
    choice.text_ar = ""
    choice.save()
    _admin_in(client, trainer, "fr")
    rows = _report_rows(client)
    assert len(rows) == 1
    assert rows[0].startswith(f"{lacking} Question Arabe")
    assert "Question (arabe), Choix 1 : Texte (arabe)" in rows[0]
    html = client.get(REPORT).content.decode()
    assert path_to("wagtailsnippets_assessments_question:edit", lacking.pk) in html


def test_the_report_reads_the_same_number_of_queries_for_one_or_many_items(client, site_tree, trainer):
    def gaps(count):
        course = make_course(modules=1, lessons=count)
        for lesson in lessons_of(course):
            lesson.summary_ar = ""
            lesson.save()
        for _ in range(count):
            _question_without_arabic()

    _admin_in(client, trainer, "fr")
    gaps(1)
    with CaptureQueriesContext(connection) as few:
        assert len(_report_rows(client)) == 2
    gaps(6)
    with CaptureQueriesContext(connection) as many:
        assert len(_report_rows(client)) == 14
    assert len(many) == len(few)

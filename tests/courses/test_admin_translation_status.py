import pytest

from courses.translation_status import missing_translations
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db


def test_missing_arabic_text_is_reported(site_tree):
    lesson = lessons_of(make_course(modules=1, lessons=1))[0]
    assert missing_translations(lesson) == []
    lesson.summary_ar = ""
    lesson.body_ar = []
    lesson.save()
    missing = {(m.field, m.language) for m in missing_translations(lesson)}
    assert missing == {("summary", "ar"), ("body", "ar")}


def test_trainer_sees_pages_missing_a_translation_in_a_report_and_in_the_editor(client, site_tree, trainer):
    course = make_course(modules=1, lessons=1)
    lesson = lessons_of(course)[0]
    lesson.summary_ar = ""
    lesson.save_revision().publish()
    client.force_login(trainer)
    report = client.get("/admin/translation-gaps/").content.decode()
    assert lesson.title in report and course.title not in report
    editor = client.get(f"/admin/pages/{lesson.pk}/edit/").content.decode()
    assert "help-warning" in editor
    csv = b"".join(client.get("/admin/translation-gaps/?export=csv").streaming_content).decode()
    assert lesson.title in csv

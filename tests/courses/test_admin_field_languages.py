"""Each translated field of the admin says its language and carries its direction (issue 19):
"Titre (français)" / "العنوان (بالعربية)", lang and dir on the inputs, whatever the admin's language.
Also: slugs stay Latin, and the explorer lists a course's children in course order."""

import pytest
from bs4 import BeautifulSoup
from django.db import models
from modeltranslation.fields import TranslationField
from wagtail.users.models import UserProfile

from assessments.models import Choice
from courses.models import LessonPage
from tests.factories.assessments import make_question
from tests.factories.courses import lessons_of, make_course
from tests.paths import path_to

pytestmark = pytest.mark.django_db


def _admin_in(client, user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)


def _form(client, url) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _label(html, field_id) -> str:
    return " ".join(html.select_one(f"label[for={field_id}]").get_text().replace("*", "").split())


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("fr", {"title_fr": "Titre (français)", "title_ar": "Titre (arabe)", "summary_ar": "Résumé (arabe)"}),
        (
            "ar",
            {
                "title_fr": "العنوان (بالفرنسية)",
                "title_ar": "العنوان (بالعربية)",
                "summary_ar": "الملخّص (بالعربية)",
            },
        ),
    ],
)
def test_a_lesson_form_labels_each_field_with_its_language_and_direction(
    client, site_tree, trainer, language, labels
):
    lesson = lessons_of(make_course(modules=1, lessons=1))[0]
    _admin_in(client, trainer, language)
    html = _form(client, path_to("wagtailadmin_pages:edit", lesson.pk))
    assert html.html["dir"] == ("rtl" if language == "ar" else "ltr")
    assert {name: _label(html, f"id_{name}") for name in labels} == labels
    for name, lang, direction in [
        ("title_fr", "fr", "ltr"),
        ("title_ar", "ar", "rtl"),
        ("summary_fr", "fr", "ltr"),
        ("summary_ar", "ar", "rtl"),
    ]:
        field = html.select_one(f"[name={name}]")
        assert (field["lang"], field["dir"]) == (lang, direction), name
    assert "[fr]" not in html.get_text() and "[ar]" not in html.get_text()


def test_the_question_form_marks_its_rich_text_and_its_choices(client, site_tree, trainer):
    question = make_question(choices=2)
    _admin_in(client, trainer, "ar")
    html = _form(client, path_to("wagtailsnippets_assessments_question:edit", question.pk))
    assert (html.select_one("[name=stem_fr]")["dir"], html.select_one("[name=stem_ar]")["dir"]) == (
        "ltr",
        "rtl",
    )
    assert html.select_one("[name=choices-0-text_fr]")["dir"] == "ltr"
    assert html.select_one("[name=choices-0-text_ar]")["dir"] == "rtl"
    assert _label(html, "id_choices-0-text_fr") == "النص (بالفرنسية)"


def test_slugs_stay_latin_and_left_to_right_in_every_language(client, site_tree, trainer):
    lesson = lessons_of(make_course(modules=1, lessons=1))[0]
    _admin_in(client, trainer, "ar")
    html = _form(client, path_to("wagtailadmin_pages:edit", lesson.pk))
    for name in ("slug_fr", "slug_ar"):
        slug = html.select_one(f"[name={name}]")
        # Wagtail's slug controller transliterates (urlify) unless told to keep Unicode letters
        # (Django leaves a False attribute out); tests/e2e/test_admin_authoring.py types a title.
        assert slug["data-controller"] == "w-slug"
        assert "data-w-slug-allow-unicode-value" not in slug.attrs
        assert slug["dir"] == "ltr"


def test_field_attributes_add_to_what_modeltranslation_builds_and_change_nothing_else():
    """Upgrade check for home/field_languages.install(): the library's own form field, plus lang/dir."""
    for model, name in [(LessonPage, "title_ar"), (LessonPage, "summary_fr"), (Choice, "text_ar")]:
        field = model._meta.get_field(name)
        ours = field.formfield()
        library = TranslationField.formfield.library_formfield(field)
        assert type(ours) is type(library) and type(ours.widget) is type(library.widget)
        extra = {key: value for key, value in ours.widget.attrs.items() if key not in library.widget.attrs}
        assert extra == {"lang": field.language, "dir": "rtl" if field.language == "ar" else "ltr"}
    assert isinstance(LessonPage._meta.get_field("slug_ar"), models.SlugField)


def test_the_explorer_lists_a_modules_steps_in_course_order(client, site_tree, trainer):
    course = make_course(modules=1, lessons=3)
    first, second, third = lessons_of(course)
    first.save_revision()  # the most recently edited first: Wagtail's default order would move it
    _admin_in(client, trainer, "fr")
    module = course.get_children().first()
    html = _form(client, path_to("wagtailadmin_explore", module.pk))
    titles = [" ".join(cell.get_text().split()) for cell in html.select("tbody .title-wrapper a")]
    assert [title for title in titles if title] == [first.title, second.title, third.title]
    html = _form(client, path_to("wagtailadmin_explore", course.pk))
    assert [" ".join(cell.get_text().split()) for cell in html.select("tbody .title-wrapper a")] == [
        module.title
    ]


def test_snippet_choosers_speak_the_readers_language_whoever_came_first(client, site_tree, trainer):
    question = make_question()
    url = path_to("wagtailsnippets_assessments_question:edit", question.pk)
    _admin_in(client, trainer, "fr")
    assert "Choisir : compétence" in _form(client, url).get_text()
    _admin_in(client, trainer, "ar")
    text = _form(client, url).get_text()
    assert "اختيار: الكفاءة" in text
    assert "Choisir" not in text and "Choose" not in text

"""Trainer-written content comes back escaped on the pages a trainee reads: course, lesson, quiz,
attempt and its review, dashboard, certificates and search."""

import pytest
from bs4 import BeautifulSoup

from tests.paths import path_to
from tests.security.xss_corpus import (
    LESSON_BLOCK_LABELS,
    assert_escaped,
    html_of,
    input_values,
    payload,
    texts,
    url_in,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.xdist_group("test_xss_trainee_pages"),
]  # one worker builds the module's world once


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_trainer_content_is_escaped_for_the_trainee(client, world, language):
    def field(obj, name: str) -> str:
        return getattr(obj, f"{name}_{language}")

    def label(name: str, index: int) -> str:
        return texts(name, index)[language]

    client.force_login(world.me)
    course_url, lesson_url, quiz_url = (url_in(p, language) for p in (world.course, world.lesson, world.quiz))
    titles = [field(world.course, "title"), field(world.module, "title"), field(world.lesson, "title")]
    course = html_of(client, course_url)
    assert_escaped(
        course,
        *titles,
        field(world.quiz, "title"),
        field(world.course, "summary"),
        field(world.course, "audience"),
        label("Objectifs", 3),
        label("Introduction", 6),
    )
    module = client.get(url_in(world.module, language))  # a module shows in its course's outline
    assert module.status_code == 302 and module["Location"] == f"{course_url}#module-{world.module.pk}"
    assert_escaped(
        html_of(client, lesson_url),
        *titles,
        field(world.lesson, "summary"),
        *(label(text, index) for text, index in LESSON_BLOCK_LABELS),
    )
    assert_escaped(html_of(client, quiz_url), field(world.quiz, "title"), label("Consigne", 10))
    stems = [label("Énoncé", 12), label("Question courte", 20)]
    choices = [field(choice, "text") for choice in world.single.choices.all()]
    attempt = html_of(client, f"{quiz_url}attempt/{world.open_attempt.pk}/")
    assert_escaped(attempt, field(world.quiz, "title"), *stems, *choices)
    assert input_values(attempt, "q2") == [payload(4)]  # the trainee's saved answer, as typed
    first = world.me.attempts.get(number=1)
    assert_escaped(
        html_of(client, f"{quiz_url}attempt/{first.pk}/review/"),
        *stems,
        *choices,
        field(world.wrong, "feedback"),  # the chosen choice's feedback
        label("Explication", 13),
        payload(2),  # the trainee's typed answer
        # the accepted answers of the page's language (assessments.review.accepted_in)
        *(answer.text for answer in world.short.accepted_answers.filter(language=language)),
    )
    assert_escaped(
        html_of(client, path_to("lms:dashboard", language=language)),
        field(world.course, "title"),
        field(world.lesson, "title"),
    )
    assert_escaped(
        html_of(client, path_to("lms:certificates", language=language)), field(world.workshop, "title")
    )
    word = {"fr": "Plaidoyer", "ar": "المناصرة"}[language]
    query = f"{word} {payload(1)}"
    found = html_of(client, path_to("lms:search", language=language), q=query)
    assert_escaped(found)
    assert query in input_values(found, "q")
    found = html_of(client, path_to("lms:search", language=language), q=word)
    assert_escaped(found, field(world.lesson, "title"), field(world.course, "title"))


# Search excerpts -------------------------------------------------------------------------------


def test_search_excerpts_show_lesson_text_as_typed(client, world):
    client.force_login(world.me)
    found = html_of(client, path_to("lms:search"), q="Plaidoyer")
    excerpt = BeautifulSoup(found, "html.parser").select_one(".search-results li p:last-child").get_text()
    assert world.lesson.summary_fr in excerpt and texts("Paragraphe", 1)["fr"] in excerpt

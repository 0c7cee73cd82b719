"""Verified facts in lessons: the source rule, what trainees and trainers see, the re-check list."""

import datetime

import pytest
from django.utils import translation
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.blocks import LessonBodyBlock
from courses.knowledge.blocks import VerifiedFactBlock
from courses.knowledge.facts import FactStatus, facts_to_recheck
from courses.page_text import field_text
from tests.conftest import translated
from tests.factories.courses import add_lesson, add_module, enrol, make_course
from tests.factories.knowledge import make_source
from tests.paths import path_to

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 20)


def fact(
    statement, status="verified", *, checked_on="2026-03-12", recheck_by="2026-09-12", url="https://x.eu/"
):
    return (
        "verified_fact",
        {
            "statement": statement,
            "source_url": url,
            "source_label": "Commission européenne",
            "status": status,
            "checked_on": checked_on,
            "recheck_by": recheck_by,
        },
    )


def block_value(**fields):
    block = VerifiedFactBlock()
    data = {
        "statement": "Le Pacte s'applique à partir du 12 juin 2026.",
        "source_url": "",
        "source_label": "",
        "status": "verified",
        "checked_on": "2026-03-12",
        "recheck_by": None,
        **fields,
    }
    return block, block.to_python(data)


def test_verified_requires_a_source_address():
    block, value = block_value(status="verified", source_url="")
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "source_url" in error.value.block_errors


@pytest.mark.parametrize("status", ["partly", "unverified"])
def test_partly_verified_and_unverified_facts_may_lack_a_source(status):
    block, value = block_value(status=status, source_url="")
    assert block.clean(value)["status"] == status


def test_a_verified_fact_with_its_source_is_valid():
    block, value = block_value(source_url="https://eur-lex.europa.eu/")
    assert block.clean(value)["source_url"] == "https://eur-lex.europa.eu/"


@pytest.fixture
def lesson_with_facts(site_tree):
    course = make_course(modules=0)
    module = add_module(course)
    lesson = add_lesson(
        module,
        body=[
            fact("Le Pacte s'applique à partir du 12 juin 2026."),
            fact("La Tunisie relève de la DG MENA.", "partly", url="", recheck_by="2026-03-01"),
            fact("Non confirmé : 999 euros.", "unverified", url="", checked_on=None, recheck_by=None),
        ],
    )
    lesson.body_ar = [fact("يُطبَّق الميثاق ابتداءً من 12 جوان 2026.")]
    lesson.save_revision().publish()
    return course, lesson


def read(client, lesson, language):
    with translation.override(language):
        return client.get(lesson.get_url()).content.decode()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_trainees_read_the_check_date_day_month_year_and_never_an_unverified_fact(
    client, lesson_with_facts, trainee, language
):
    course, lesson = lesson_with_facts
    enrol(trainee, course)
    client.force_login(trainee)
    html = read(client, lesson, language)
    assert "12/03/2026" in html
    assert translated("verified on %(date)s", language).split("%")[0].strip() in html
    # The statement as trainers read it (test below): its words, not a digit run a hash may hold.
    assert "Non confirmé" not in html and "999 euros" not in html


def test_trainers_see_the_unverified_fact_marked(client, lesson_with_facts, trainer):
    _course, lesson = lesson_with_facts
    client.force_login(trainer)
    html = read(client, lesson, "fr")
    assert "Non confirmé : 999 euros." in html
    assert translated("Unverified: hidden from trainees") in html


def test_search_text_leaves_unverified_facts_out(lesson_with_facts):
    _course, lesson = lesson_with_facts
    text = field_text(lesson, "body", "fr")
    assert "DG MENA" in text
    assert "999" not in text


def test_the_site_search_never_finds_nor_quotes_an_unverified_fact(client, lesson_with_facts, trainee):
    from bs4 import BeautifulSoup

    course, lesson = lesson_with_facts
    enrol(trainee, course)
    client.force_login(trainee)

    def results(query):
        html = BeautifulSoup(client.get(path_to("lms:search"), {"q": query}).content, "html.parser")
        return html.select_one("main").get_text(" ")

    assert lesson.title not in results("confirmé 999 euros")  # words of the unverified fact only
    found = results("Pacte juin")  # the verified fact, just before the unverified one
    assert lesson.title in found and "Pacte" in found
    assert "999" not in found and "confirmé" not in found


@pytest.mark.parametrize(
    "status, live, shown", [("verified", True, True), ("partly", True, False), ("verified", False, False)]
)
def test_search_text_shows_a_funding_links_comment_only_when_trainees_see_the_link(
    site_tree, status, live, shown
):

    source = make_source(status=status, live=live)
    lesson = add_lesson(
        add_module(make_course(modules=0)),
        body=[("funding_source", {"source": source, "comment": "Le guichet ouvre en mars."})],
    )
    assert ("guichet" in field_text(lesson, "body", "fr")) is shown


def test_the_recheck_list_returns_exactly_the_overdue_and_undated_unverified_facts(lesson_with_facts):
    _course, lesson = lesson_with_facts
    due = facts_to_recheck(today=TODAY)
    assert [(f.statement, f.language) for f in due] == [
        ("Non confirmé : 999 euros.", "fr"),
        ("La Tunisie relève de la DG MENA.", "fr"),
    ]
    later = facts_to_recheck(today=datetime.date(2026, 9, 13))
    assert len(later) == 4  # the September re-checks (both languages) are due too


def test_the_recheck_date_itself_is_still_on_time(lesson_with_facts):
    assert len(facts_to_recheck(today=datetime.date(2026, 3, 1))) == 1  # only the undated unverified fact


def test_the_trainer_dashboard_lists_the_facts_to_recheck(client, lesson_with_facts, trainer):
    client.force_login(trainer)
    html = client.get(path_to("wagtailadmin_home")).content.decode()
    assert 'id="facts-to-recheck-section"' in html
    assert "DG MENA" in html


def test_the_body_block_accepts_facts():
    assert "verified_fact" in LessonBodyBlock.base_blocks


def test_a_latin_source_stays_whole_inside_arabic(client, lesson_with_facts, trainee):
    """The source's name (French in both languages) is isolated, so that the Arabic date beside it
    does not scramble it."""
    course, lesson = lesson_with_facts
    enrol(trainee, course)
    client.force_login(trainee)
    assert "<bdi>Commission européenne</bdi>" in read(client, lesson, "ar")


def test_an_entry_no_longer_verified_leaves_the_search_words_of_the_lessons_using_it(site_tree):
    from courses.models import SearchText

    source = make_source(status=FactStatus.VERIFIED, live=True)
    lesson = add_lesson(
        add_module(make_course(modules=0)),
        body=[("funding_source", {"source": source, "comment": "Le guichet ouvre en mars."})],
    )
    lesson.save_revision().publish()
    assert "guichet" in SearchText.objects.get(page_id=lesson.pk, language="fr").text
    source.verification_status = FactStatus.UNVERIFIED  # as a trainer's edit saves it
    source.save()
    assert "guichet" not in SearchText.objects.get(page_id=lesson.pk, language="fr").text

"""The missing-translations report covers the knowledge room's snippets and the handover notes."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from django.utils.text import capfirst
from modeltranslation.translator import translator
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

from courses.models import FundingSource, GlossaryTerm
from lms.models import FacilitatorNote
from tests.factories.courses import lessons_of, make_course
from tests.paths import path_to

pytestmark = pytest.mark.django_db

REPORT = path_to("translation_gaps")


def test_the_report_lists_funding_sources_glossary_terms_and_facilitator_notes(client, site_tree, trainer):
    FundingSource.objects.create(
        name_fr="Source sans arabe", country_or_agency_fr="France", funds_fr="Aides", ote_role="partner"
    )
    GlossaryTerm.objects.create(term_fr="plaidoyer", term_ar="المناصرة", definition_fr="Défendre une cause.")
    complete = GlossaryTerm.objects.create(term_fr="indicateur", term_ar="مؤشر")
    note = FacilitatorNote.objects.create(
        lesson=lessons_of(make_course(modules=1, lessons=1))[0], answers_fr="Corrigé"
    )
    client.force_login(trainer)
    html = BeautifulSoup(client.get(REPORT).content, "html.parser")
    rows = [" ".join(row.get_text(" ").split()) for row in html.select("table.listing tbody tr")]
    assert any(row.startswith("Source sans arabe") for row in rows)
    assert any(row.startswith("plaidoyer") for row in rows)
    assert not any(row.startswith("indicateur") for row in rows), complete  # empty in both: not a gap
    assert any(row.startswith(str(note)) for row in rows)
    links = {a["href"] for a in html.select("table.listing a")}
    assert any("/snippets/courses/fundingsource/edit/" in link for link in links)
    assert any("/snippets/lms/facilitatornote/edit/" in link for link in links)


# Every kind of page and snippet with translated fields: an Arabic field left empty while the French
# one is written shows in the report, named with its field and language. -------------------------


def _item(kind):
    from assessments.models import AssignmentPage, QuestionnairePage, QuizPage
    from courses.models import Actor, CourseIndexPage, CoursePage, ModulePage, WorksheetTemplate
    from home.models import HomePage
    from lms.models import TrainingPlanPage
    from tests.factories.assessments import make_quiz
    from tests.factories.assignments import make_assignment
    from tests.factories.plans import make_plan
    from tests.factories.questionnaires import make_questionnaire

    course = make_course(modules=1, lessons=1)
    module = course.get_children().specific().first()
    return {
        "home page": lambda: HomePage.objects.get(),
        "course catalogue": lambda: CourseIndexPage.objects.get(),
        "course": lambda: CoursePage.objects.get(pk=course.pk),
        "module": lambda: ModulePage.objects.get(pk=module.pk),
        "lesson": lambda: lessons_of(course)[0],
        "quiz": lambda: QuizPage.objects.get(pk=make_quiz(module).pk),
        "assignment": lambda: AssignmentPage.objects.get(pk=make_assignment(module).pk),
        "questionnaire": lambda: QuestionnairePage.objects.get(pk=make_questionnaire().pk),
        "training plan": lambda: TrainingPlanPage.objects.get(pk=make_plan().pk),
        "worksheet template": lambda: WorksheetTemplate.objects.create(
            title_fr="Grille SWOT", title_ar="مصفوفة"
        ),
        "actor": lambda: Actor.objects.create(
            name_fr="OFII", name_ar="المكتب الفرنسي", country_fr="France", country_ar="فرنسا", role_fr="Aide"
        ),
        "glossary term": lambda: GlossaryTerm.objects.create(term_fr="plaidoyer", term_ar="المناصرة"),
        "funding source": lambda: FundingSource.objects.create(
            name_fr="OFII",
            name_ar="OFII",
            country_or_agency_fr="France",
            funds_fr="Aides",
            ote_role="partner",
        ),
        "facilitator note": lambda: FacilitatorNote.objects.create(lesson=lessons_of(course)[0]),
    }[kind]()


FIELD_OF_KIND = {
    "home page": "lead",
    "course catalogue": "introduction",
    "course": "objectives",
    "module": "introduction",
    "lesson": "summary",
    "quiz": "introduction",
    "assignment": "instructions",
    "questionnaire": "introduction",
    "training plan": "objectives",
    "worksheet template": "introduction",
    "actor": "role",
    "glossary term": "definition",
    "funding source": "windows_and_deadlines",
    "facilitator note": "materials",
}


@pytest.mark.parametrize("kind", FIELD_OF_KIND)
def test_a_missing_arabic_field_of_each_kind_shows_in_the_report(client, site_tree, trainer, kind):
    item = _item(kind)
    field = FIELD_OF_KIND[kind]
    client.force_login(trainer)

    with translation.override("fr"):
        title = item.title if isinstance(item, Page) else str(item)
        label = f"{capfirst(type(item)._meta.get_field(field).verbose_name)} (arabe)"

    def row_of_item():
        html = BeautifulSoup(client.get(REPORT).content, "html.parser")
        rows = [" ".join(row.get_text(" ").split()) for row in html.select("table.listing tbody tr")]
        return next((row for row in rows if row.startswith(title)), None), rows

    setattr(item, f"{field}_fr", "<p>Texte écrit en français.</p>")
    setattr(item, f"{field}_ar", "<p>نصّ مكتوب بالعربية.</p>")
    item.save()
    row, _rows = row_of_item()
    assert row is None or label not in row  # written in both languages: not a gap

    setattr(item, f"{field}_ar", "")
    item.save()
    row, rows = row_of_item()
    assert row is not None, rows
    assert label in row


# Not in the report, on purpose: Page's own title (each page type's title is) and the records kept
# as they were minuted, signed or issued.
NOT_REPORTED = {
    "wagtailcore.Page",
    "assessments.MeetingMinutes",
    "lms.ApprovalSignature",
    "lms.Certificate",
    "lms.CertificateCompetence",
}


def test_the_report_reads_every_model_with_translated_fields():
    """A new page type, snippet or setting with `_fr`/`_ar` fields is in the report without anyone
    adding it (found through Wagtail's registries, inline items through their parent)."""
    from wagtail.contrib.settings.registry import registry

    from courses.translation_status import translated_child_relations
    from courses.views_admin import _translated_models

    read = set(_translated_models(get_page_models())) | set(_translated_models(get_snippet_models()))
    read |= set(_translated_models(list(registry)))
    for model in list(read):
        read |= {getattr(model, accessor).rel.related_model for accessor in translated_child_relations(model)}
    registered = {model for model in translator.get_registered_models() if not model._meta.abstract}
    assert {model._meta.label for model in registered - read} == NOT_REPORTED


def test_the_site_settings_missing_their_arabic_tagline_show_in_the_report(client, site_tree, trainer):
    from home.models import SiteSettings

    settings = SiteSettings.objects.get()
    settings.tagline_fr, settings.tagline_ar = "Dispositif Tounesna", "آلية تونسنا"
    settings.save()
    client.force_login(trainer)
    before = BeautifulSoup(client.get(REPORT).content, "html.parser").select("table.listing tbody tr")
    assert not [row for row in before if "Slogan" in row.get_text()]
    settings.tagline_ar = ""
    settings.save()
    html = BeautifulSoup(client.get(REPORT).content, "html.parser")
    rows = [" ".join(row.get_text(" ").split()) for row in html.select("table.listing tbody tr")]
    assert [row for row in rows if "Slogan (arabe)" in row], rows
    edit = path_to("wagtailsettings:edit", "home", "sitesettings", settings.site_id)
    assert edit in {a["href"] for a in html.select("table.listing a")}
    assert client.get(edit).status_code == 200

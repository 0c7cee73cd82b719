"""The trainee's workbook (issue 20): reflection answers below a lesson, worksheets filled from a
template as drafts, the register's moderation, who reads what, and the page's queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from courses.actors import propose_actor
from courses.models import Actor, WorksheetTemplate
from home.roles import Role
from lms.models import ReflectionAnswer, Worksheet
from lms.practice.workbook import save_worksheet, start_worksheet
from tests.factories.practice import QUESTION, case_study, make_practice_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_tree, make_user):
    return make_practice_world(make_user)


def lesson_url(lesson):
    with translation.override("fr"):
        return lesson.url


def test_a_prompt_that_asks_for_an_answer_shows_a_form_and_saves_to_the_workbook(client, world):
    lesson = world["lesson"]
    client.force_login(world["trainee"])
    page = client.get(lesson_url(lesson)).content.decode()
    assert page.count('name="answer"') == 1  # only the case study that asks for an answer
    prompt_id = lesson.body[1].id
    action = reverse("lms:practice:reflection_answer", kwargs={"lesson_id": lesson.pk, "block_id": prompt_id})
    assert action in page

    response = client.post(action, {"answer": "Analyser le problème avant tout."})
    assert response.status_code == 302 and response["Location"].endswith("#reflections")
    answer = ReflectionAnswer.objects.get()
    assert (answer.owner, answer.answer) == (world["trainee"], "Analyser le problème avant tout.")
    assert QUESTION in answer.prompt

    # The lesson's question is edited later: the answer keeps the question it answered.
    lesson.body_fr[1].value["question"] = "Une autre question"
    lesson.save()
    answer.refresh_from_db()
    assert QUESTION in answer.prompt
    assert "Analyser le problème avant tout." in client.get(reverse("lms:practice:workbook")).content.decode()


def test_an_empty_answer_or_a_prompt_that_does_not_ask_is_refused(client, world):
    lesson = world["lesson"]
    client.force_login(world["trainee"])
    for block, answer in ((lesson.body[1], "  "), (lesson.body[2], "Réponse")):
        action = reverse(
            "lms:practice:reflection_answer", kwargs={"lesson_id": lesson.pk, "block_id": block.id}
        )
        client.post(action, {"answer": answer})
    assert not ReflectionAnswer.objects.exists()


def test_only_an_enrolled_trainee_answers(client, world, make_user):
    lesson = world["lesson"]
    client.force_login(make_user(Role.TRAINEE, username="outsider"))
    action = reverse(
        "lms:practice:reflection_answer", kwargs={"lesson_id": lesson.pk, "block_id": lesson.body[1].id}
    )
    assert client.post(action, {"answer": "x"}).status_code == 404


def test_a_worksheet_is_started_filled_as_a_draft_and_keeps_its_template(client, world):
    client.force_login(world["trainee"])
    template = world["templates"]["plan-de-plaidoyer"]
    response = client.post(reverse("lms:practice:worksheet_new", kwargs={"template_id": template.pk}))
    worksheet = Worksheet.objects.get()
    assert response["Location"] == reverse(
        "lms:practice:worksheet_edit", kwargs={"worksheet_id": worksheet.pk}
    )
    edit = reverse("lms:practice:worksheet_edit", kwargs={"worksheet_id": worksheet.pk})
    form = client.get(edit).content.decode()
    assert 'name="objectives-0-measure"' in form and 'name="targets-0-actor"' in form

    ofii = Actor.objects.get(acronym="OFII")
    data = {
        "title": "Mon plan",
        "goal": "Un service public national",
        "objectives-rows": "1",
        "objectives-0-objective": "Convention",
        "targets-rows": "1",
        "targets-0-actor": str(ofii.pk),
        "targets-0-influence": "5",
        "actions-rows": "1",
        "add_row": "objectives",
    }
    response = client.post(edit, data)
    assert response.status_code == 200 and 'name="objectives-1-objective"' in response.content.decode()
    worksheet.refresh_from_db()
    assert worksheet.title == "Mon plan"
    assert worksheet.values["targets"] == [{"actor": ofii.pk, "influence": 5}]

    # The template changes afterwards: the worksheet keeps the sections it was started with.
    template.sections = []
    template.save()
    page = client.get(
        reverse("lms:practice:worksheet", kwargs={"worksheet_id": worksheet.pk})
    ).content.decode()
    assert "Objectifs SMART" in page and "OFII" in page
    assert "Mesure" in page  # listed among the points to complete: the objective's measure and date


def test_a_bad_value_is_refused_and_nothing_is_saved(client, world):
    client.force_login(world["trainee"])
    worksheet = start_worksheet(user=world["trainee"], template=world["templates"]["plan-de-plaidoyer"])
    edit = reverse("lms:practice:worksheet_edit", kwargs={"worksheet_id": worksheet.pk})
    response = client.post(
        edit, {"title": "Plan", "goal": "But", "objectives-rows": "1", "objectives-0-due": "pas une date"}
    )
    assert response.status_code == 200
    assert (
        "The draft was not saved" in response.content.decode()
        or "n'a pas été enregistré" in response.content.decode()
    )
    worksheet.refresh_from_db()
    assert worksheet.values == {}


def _fill(owner, templates, worksheets: int, answers: int, lesson):
    ofii = Actor.objects.get(acronym="OFII")
    for n in range(worksheets):
        sheet = start_worksheet(user=owner, template=templates["plan-de-plaidoyer"])
        save_worksheet(
            worksheet=sheet,
            title=f"Plan {n}",
            values={"targets": [{"actor": ofii.pk, "influence": 4, "alignment": 2, "ask": "A"}], "goal": "G"},
        )
    for n in range(answers):
        ReflectionAnswer.objects.create(
            owner=owner, lesson=lesson, block_id=f"b{n}", lesson_title="L", prompt="P", answer="R"
        )


def test_the_workbook_page_reads_the_same_number_of_queries_whatever_its_size(client, world):
    trainee = world["trainee"]
    client.force_login(trainee)
    url = reverse("lms:practice:workbook")
    counts = []
    for worksheets, answers in ((1, 1), (6, 8)):
        Worksheet.objects.all().delete()
        ReflectionAnswer.objects.all().delete()
        _fill(trainee, world["templates"], worksheets, answers, world["lesson"])
        client.get(url)  # warm the session and caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_admin_page_of_a_trainees_workbook_reads_constant_queries(client, world, trainer):
    client.force_login(trainer)
    url = reverse("lms_trainee_workbook", kwargs={"user_id": world["trainee"].pk})
    counts = []
    for worksheets in (1, 5):
        Worksheet.objects.all().delete()
        ReflectionAnswer.objects.all().delete()
        _fill(world["trainee"], world["templates"], worksheets, worksheets, world["lesson"])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert WorksheetTemplate.objects.count() == 2


def test_my_data_holds_the_workbook_and_erasure_removes_it(world, trainer):
    from lms.privacy.erasure import erase_trainee, erasure_summary
    from lms.privacy.my_data import personal_data

    trainee = world["trainee"]
    _fill(trainee, world["templates"], 1, 2, world["lesson"])
    proposal = propose_actor(
        user=trainee, name="Agence BBU", kind="agency", country="Autriche", role="Retour"
    )
    data = personal_data(user=trainee)
    assert [a["answer"] for a in data["workbook_answers"]] == ["R", "R"]
    assert data["worksheets"][0]["title"] == "Plan 0" and data["worksheets"][0]["values"]["goal"] == "G"
    assert data["actor_register_proposals"] == [
        {"name": "Agence BBU", "approved": False, "proposed": proposal.proposed_at.isoformat()}
    ]
    assert personal_data(user=world["other"])["worksheets"] == []

    assert erasure_summary(user=trainee).removed_workbook_entries == 3
    erase_trainee(user=trainee, by=trainer)
    assert not ReflectionAnswer.objects.filter(owner=trainee).exists()
    assert not Worksheet.objects.filter(owner=trainee).exists()
    proposal.refresh_from_db()
    assert proposal.proposed_by is None  # the institution's entry stays, unlinked from the person


def test_an_answer_given_in_one_language_shows_and_is_replaced_in_the_other(client, world):
    lesson = world["lesson"]
    lesson.body_ar = [("paragraph", "<p>نص</p>"), case_study("ما المراحل؟")]
    lesson.save()
    lesson.refresh_from_db()
    client.force_login(world["trainee"])
    fr_id, ar_id = lesson.body_fr[1].id, lesson.body_ar[1].id
    assert fr_id != ar_id
    client.post(
        reverse("lms:practice:reflection_answer", kwargs={"lesson_id": lesson.pk, "block_id": fr_id}),
        {"answer": "Réponse en français"},
    )
    with translation.override("ar"):
        arabic = client.get(lesson.url).content.decode()
    assert "Réponse en français" in arabic
    with translation.override("ar"):
        action = reverse("lms:practice:reflection_answer", kwargs={"lesson_id": lesson.pk, "block_id": ar_id})
    client.post(action, {"answer": "إجابة بالعربية"})
    answer = ReflectionAnswer.objects.get()
    assert (answer.block_id, answer.answer) == (ar_id, "إجابة بالعربية")
    assert "ما المراحل؟" in answer.prompt


@pytest.mark.parametrize(
    "data",
    [
        {"objectives-rows": "-3", "targets-rows": "abc", "actions-rows": "1e9"},
        {"targets-rows": "1", "targets-0-actor": "999999", "targets-0-influence": "9"},
        {"targets-rows": "1", "targets-0-actor": "'; DROP TABLE x;--"},
        {"title": "x" * 500, "goal": "y" * 6000},
        {"objectives-rows": "1", "objectives-0-due": "2027-02-30"},
    ],
)
def test_a_tampered_worksheet_post_never_fails_and_saves_nothing_wrong(client, world, data):
    client.force_login(world["trainee"])
    worksheet = start_worksheet(user=world["trainee"], template=world["templates"]["plan-de-plaidoyer"])
    response = client.post(
        reverse("lms:practice:worksheet_edit", kwargs={"worksheet_id": worksheet.pk}), {"title": "T", **data}
    )
    assert response.status_code in (200, 302)
    worksheet.refresh_from_db()
    assert worksheet.values in ({}, {"objectives": []}) or response.status_code == 302
    assert "targets" not in worksheet.values


# Competence evidence: the work a trainer accepted ----------------------------------------------------


def _accept(trainee, trainer, assignment, *, level: int, decision: str = "accept"):
    from assessments import assignments as rules

    rules.save_draft(user=trainee, assignment=assignment, text="Plan de mobilisation (cas fictif)")
    version = rules.submit(user=trainee, assignment=assignment)
    rules.save_feedback(
        version=version,
        reviewer=trainer,
        marks={c.pk: rules.MarkInput(level=level) for c in assignment.criteria.all()},
        decision=decision,
        release=True,
    )


def _assignments(world, count: int, competences):
    from tests.factories.assignments import make_assignment

    module = world["lesson"].get_parent().specific
    made = []
    for _n in range(count):
        assignment = make_assignment(module, criteria=2, levels=4)
        assignment.competences.set(competences)
        assignment.save()
        made.append(assignment)
    return made


@pytest.mark.parametrize(
    ("language", "heading", "competence", "score"),
    [("fr", "Mes travaux acceptés", "Compétence 1", "67 %"), ("ar", "أعمالي المقبولة", "الكفاءة 1", "67 %")],
)
def test_accepted_work_shows_in_the_workbook_as_evidence_of_its_competences(
    client, world, trainer, language, heading, competence, score
):
    """Acceptance puts the rubric score into the competence evidence: the trainee reads it in their
    workbook, the trainers on the trainee's workbook in the admin; work only returned is not
    evidence, and nobody else reads it."""
    from tests.factories.questionnaires import make_competences

    accepted, returned = _assignments(world, 2, make_competences(2))
    _accept(world["trainee"], trainer, accepted, level=3)  # 2 + 2 of 6 points
    _accept(world["trainee"], trainer, returned, level=1, decision="return")
    client.force_login(world["trainee"])
    with translation.override(language):
        url = reverse("lms:practice:workbook")
        title = getattr(accepted, f"title_{language}")
    html = client.get(url).content.decode()
    shown = html.split(heading, 1)[1].split("</ul>", 1)[0]
    assert title in shown and competence in shown and score in shown
    assert getattr(returned, f"title_{language}") not in shown

    client.force_login(world["other"])
    assert title not in client.get(url).content.decode()
    client.force_login(trainer)
    admin = client.get(reverse("lms_trainee_workbook", kwargs={"user_id": world["trainee"].pk}))
    assert accepted.title_fr in admin.content.decode().split("competence-evidence", 1)[1]


def test_the_evidence_reads_the_same_number_of_queries_for_one_accepted_work_as_for_four(
    client, world, trainer
):
    from tests.factories.questionnaires import make_competences

    competences = make_competences(3)
    client.force_login(world["trainee"])
    url = reverse("lms:practice:workbook")
    counts = []
    for count in (1, 3):
        for assignment in _assignments(world, count, competences[:count]):
            _accept(world["trainee"], trainer, assignment, level=4)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        assert html.count("Compétence 1") == (1 if count == 1 else 4)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_an_answer_in_the_other_script_reads_in_its_own_direction(client, world, trainer):
    """An answer given on the French lesson, read on the Arabic workbook (and the trainers' view of
    it): its lesson title, prompt and answer keep their left-to-right order ("pourquoi ?", not
    "? pourquoi")."""
    from bs4 import BeautifulSoup

    ReflectionAnswer.objects.create(
        owner=world["trainee"],
        lesson=world["lesson"],
        block_id="b1",
        lesson_title="Comprendre le plaidoyer",
        prompt="Étude de cas\nQuelles étapes, et pourquoi ?",
        answer="Identifier le problème, puis les décideurs.",
    )
    client.force_login(world["trainee"])
    with translation.override("ar"):
        url = reverse("lms:practice:workbook")
    client.force_login(trainer)
    admin = reverse("lms_trainee_workbook", kwargs={"user_id": world["trainee"].pk})
    for who, address in ((world["trainee"], url), (trainer, admin)):
        client.force_login(who)
        html = BeautifulSoup(client.get(address).content, "html.parser")
        assert html.select_one(".reflection-prompt")["dir"] == "ltr", address
        assert any(b.get_text() == "Comprendre le plaidoyer" for b in html.find_all("bdi")), address


def _text(fr: str, ar: str = "") -> dict:
    return {"fr": fr, "ar": ar}


def _field(key: str, label: str, *, required: bool = True, **settings) -> dict:
    return {"key": key, "label": _text(label, "حقل"), "help": _text(""), "required": required, **settings}


def test_a_trainer_adds_a_template_in_the_admin_and_a_trainee_fills_it_in(client, world, trainer):
    """Templates are data: a trainer builds one in the admin (sections, field kinds, rules) and
    publishes it; trainees start a worksheet from it at once, and its rules say what is missing."""
    from bs4 import BeautifulSoup
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    columns = streamfield(
        [("short_text", _field("speaker", "Intervenant")), ("date", _field("day", "Date prévue"))]
    )
    sections = streamfield(
        [
            (
                "section",
                {
                    "key": "seminar",
                    "title": _text("Séminaire", "الندوة"),
                    "help": _text(""),
                    "fields": streamfield(
                        [
                            ("short_text", _field("theme", "Thème du séminaire")),
                            ("long_text", _field("aim", "Objectif", required=False)),
                            (
                                "group",
                                _field(
                                    "agenda",
                                    "Programme",
                                    required=False,
                                    columns=columns,
                                    min_rows=1,
                                    max_rows="",
                                    display="table",
                                ),
                            ),
                        ]
                    ),
                },
            )
        ]
    )
    data = nested_form_data(
        {
            "title_fr": "Note conceptuelle de séminaire",
            "title_ar": "مذكرة مفاهيمية لندوة",
            "slug": "note-seminaire",
            "sections": sections,
        }
    )
    data = {key: value for key, value in data.items() if value is not False}
    data = {key: ("on" if value is True else value) for key, value in data.items()}
    client.force_login(trainer)
    response = client.post(
        reverse("wagtailsnippets_courses_worksheettemplate:add"), {**data, "action-publish": "publish"}
    )
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(
        ".error-message"
    )
    template = WorksheetTemplate.objects.get(slug="note-seminaire")
    assert template.live

    client.force_login(world["trainee"])
    workbook = client.get(reverse("lms:practice:workbook")).content.decode()
    assert reverse("lms:practice:worksheet_new", args=[template.pk]) in workbook
    started = client.post(reverse("lms:practice:worksheet_new", args=[template.pk]))
    worksheet = Worksheet.objects.get(owner=world["trainee"], template=template)
    assert started.url == reverse("lms:practice:worksheet_edit", args=[worksheet.pk])
    form = client.get(started.url).content.decode()
    assert "Thème du séminaire" in form and "Intervenant" in form
    shown = client.get(reverse("lms:practice:worksheet", args=[worksheet.pk])).content.decode()
    assert "« Thème du séminaire » est obligatoire." in shown
    assert "« Programme » est obligatoire." in shown  # at least one row: its own rule


def test_markup_typed_in_a_proposal_or_in_accepted_work_comes_back_as_text(client, world, trainer):
    """The XSS corpus through what this audit added: a proposed actor's name on the trainers'
    board, an assignment's title and a competence's name in the accepted work."""
    from assessments.models import AssignmentPage
    from courses.models import Competence
    from tests.factories.questionnaires import make_competences
    from tests.security.xss_corpus import assert_escaped, html_of, payload

    name = f"Agence {payload(5)}"
    propose_actor(user=world["trainee"], name=name, kind="agency", country="Autriche", role="Retour")
    competence = make_competences(1)[0]
    [assignment] = _assignments(world, 1, [competence])
    title, shown = f"Travail {payload(7)}", f"Compétence {payload(9)}"
    AssignmentPage.objects.filter(pk=assignment.pk).update(title_fr=title)
    Competence.objects.filter(pk=competence.pk).update(name_fr=shown)
    _accept(world["trainee"], trainer, assignment, level=4)
    client.force_login(trainer)
    assert_escaped(html_of(client, "/admin/"), name)
    admin = reverse("lms_trainee_workbook", kwargs={"user_id": world["trainee"].pk})
    assert_escaped(html_of(client, admin), title, shown)
    client.force_login(world["trainee"])
    assert_escaped(html_of(client, reverse("lms:practice:workbook")), title, shown)

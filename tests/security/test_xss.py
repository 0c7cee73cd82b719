"""What trainees, trainers and the task force type comes back escaped: on every page that shows it, in
the exports, the e-mail and the PDFs.

The data is built once for the module, inside a transaction rolled back at its end: every field a
person can write (names, free-text answers, attendance notes, minutes, course, module, lesson and
quiz texts, questions, choices, feedback, accepted answers, cohort, plan and workshop texts) holds a
payload of the corpus. Each test reads pages of it; what a request writes (a visit, a certificate)
is rolled back after the test.

A page passes when (1) no payload comes back as it was typed, (2) parsed as a browser would, it has
no event handler, no `javascript:` or foreign address, no injected script, style, base or refresh,
and (3) the payloads it should show are in its text: shown as text, so escaped, and escaped once.
"""

import csv
import io
import json
import re
import shutil
import subprocess
import zlib
from datetime import timedelta
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from wagtail.admin.rich_text import get_rich_text_editor_widget

from assessments.attempts import Answer, save_answers, start_attempt, submit_attempt
from assessments.models import MeetingMinutes
from assessments.models.questionnaires import ItemKind
from assessments.models.questions import STEM_FEATURES
from assessments.questionnaires import ItemValue, submit_response
from assessments.scoring import QuestionKind
from courses.blocks import INLINE_FEATURES, LessonBodyBlock
from courses.models import Cohort, Competence, LessonPage
from courses.models.pages import RICH_TEXT_FEATURES
from home.roles import Role, ensure_groups, remove_unused_wagtail_groups
from home.site_tree import ensure_home_page
from lms.models.plans import NARRATIVE_FEATURES
from lms.plans import AttendanceEntry, record_attendance
from tests.factories.assessments import make_question, make_quiz
from tests.factories.courses import add_module, make_course
from tests.factories.plans import make_plan
from tests.factories.questionnaires import make_questionnaire

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><iframe src=javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<body onload=alert(1)>",
    "<style>*{display:none}</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "{% debug %}",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<object data=javascript:alert(1)>",
    "<base href=//evil.example>",
    "<meta http-equiv=refresh content=0;url=//evil.example>",
    "\u202e<script>alert(1)</script>",  # right-to-left override
    "\u202bإعادة الإدماج<script>alert(1)</script>\u202c",
    "المناصرة <img src=x onerror=alert(1)>",
    "<form action=//evil.example><button>ok</button></form>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",  # already escaped: must not be unescaped on the way
    '=HYPERLINK("http://evil.example","x")',  # a formula, for the spreadsheet exports
    "javascript:alert(1)",
]
# What must never come back: any payload's markup as it was typed (escaped text is fine).
LIVE_MARKUP = [payload.strip("\u202e\u202b\u202c") for payload in PAYLOADS if "<" in payload]
LIVE_MARKUP += ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>"]
ARABIC = 11  # an Arabic field holds the payload this far from its French one's
RIGHT_TO_LEFT = re.compile(r"[\u0600-\u06ff\u202a-\u202e]")
# The markup payloads in left-to-right text only: pdftotext reorders right-to-left runs.
MARKUP_LTR = [p for p in PAYLOADS if "<" in p and not RIGHT_TO_LEFT.search(p)]

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href"}
CONTROL = re.compile(r"[\x00-\x20\x7f-\xa0\u200b-\u200f\u202a-\u202e]+")
REFUSED_ADDRESSES = ("javascript:", "vbscript:", "evil.example")
BRACKETS = re.compile(r"[<>()\[\]{}]")
FORMULA_STARTS = {"=", "+", "-", "@", "\t", "\r"}
INJECTED_TAGS = {"base", "iframe", "object", "embed", "math", "mglyph", "mtext"}


def payload(index: int) -> str:
    return PAYLOADS[index % len(PAYLOADS)]


def texts(label: str, index: int) -> dict[str, str]:
    """A field's French and Arabic values: a label, to find it, and a payload."""
    return {"fr": f"{label} {payload(index)}", "ar": f"{label} {payload(index + ARABIC)}"}


def translated_fields(name: str, label: str, index: int) -> dict[str, str]:
    values = texts(label, index)
    return {f"{name}_fr": values["fr"], f"{name}_ar": values["ar"]}


def typed_in_editor(features: list[str], text: str, link: str | None = None) -> str:
    """Rich text as the server stores it when a trainer types `text` in the editor (Draftail posts
    its content as JSON; the widget converts it to the stored HTML). `link`: an address given to a
    link over the whole text, as a trainer (or a crafted request) may send."""
    entity_ranges, entity_map = [], {}
    if link:
        entity_ranges = [{"offset": 0, "length": len(text), "key": 0}]
        entity_map = {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": link}}}
    contentstate = {
        "blocks": [
            {
                "key": "xss00",
                "type": "unstyled",
                "depth": 0,
                "text": text,
                "inlineStyleRanges": [],
                "entityRanges": entity_ranges,
                "data": {},
            }
        ],
        "entityMap": entity_map,
    }
    widget = get_rich_text_editor_widget(features=features)
    return widget.value_from_datadict({"field": json.dumps(contentstate)}, {}, "field")


def rich_fields(name: str, features: list[str], label: str, index: int) -> dict[str, str]:
    values = texts(label, index)
    return {
        f"{name}_{language}": typed_in_editor(features, value, link="javascript:alert(1)")
        for language, value in values.items()
    }


# Checks -----------------------------------------------------------------------------------------


def live_markup(content: str) -> list[str]:
    """What in `content` a browser would run or follow, that a payload could have put there."""
    return [markup for markup in LIVE_MARKUP if markup in content] + dom_markup(content)


def dom_markup(content: str) -> list[str]:
    """The same, read on the document as parsed: event handlers, script or foreign addresses,
    injected elements, whatever the payload's spelling."""
    found = []
    for tag in BeautifulSoup(content, "html.parser").find_all(True):
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value or ""
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}=…>")
            if name.lower() in URL_ATTRIBUTES:
                address = CONTROL.sub("", value).lower()
                if any(refused in address for refused in REFUSED_ADDRESSES):
                    found.append(f"<{tag.name} {name}={value!r}>")
        if tag.name in INJECTED_TAGS:
            found.append(f"<{tag.name}>")
        if tag.name == "meta" and str(tag.get("http-equiv", "")).lower() == "refresh":
            found.append("<meta http-equiv=refresh>")
        body = tag.get_text()
        if tag.name == "script" and body.strip().startswith("alert("):
            found.append(f"<script>{body[:40]}")
        if tag.name == "style" and "*{display:none}" in body:
            found.append("<style>*{display:none}")
    return found


def page_text(content: str) -> str:
    return BeautifulSoup(content, "html.parser").get_text()


def assert_escaped(content: str, *shown: str) -> None:
    """No live markup, and each of `shown` is in the page's text (escaped once, not dropped)."""
    assert live_markup(content) == []
    text = page_text(content)
    missing = [value for value in shown if value not in text]
    assert missing == [], f"not shown as text: {missing}"


def html_of(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("text/html"), url
    return response.content.decode()


def csv_cells(client, url: str) -> list[str]:
    """The cells of a CSV export; none may start as a formula would."""
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv"), url
    content = b"".join(response.streaming_content) if response.streaming else response.content
    cells = [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]
    assert [cell for cell in cells if cell[:1] in FORMULA_STARTS] == []
    return cells


needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="poppler-utils missing: run make test as root",
)


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF with every deflated stream inflated: objects kept in object streams become readable."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def pdf_report(pdf: bytes, tmp_path) -> SimpleNamespace:
    """The PDF's text, the addresses of its links and its scripts, as poppler reads them."""
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)

    def run(*args: str) -> str:
        return subprocess.run([*args], capture_output=True, text=True, check=True).stdout

    urls = run("pdfinfo", "-url", str(path)).splitlines()[1:]  # after the heading line
    return SimpleNamespace(
        text=run("pdftotext", "-enc", "UTF-8", str(path), "-"),
        urls=[line.split(None, 2)[-1] for line in urls if line.strip()],
        scripts=run("pdfinfo", "-js", str(path)).strip(),
        actions=re.findall(rb"/(JavaScript|JS|Launch|SubmitForm|ImportData)\b", pdf_objects(pdf)),
    )


def pdf_comparable(text: str) -> str:
    """Text as pdftotext gives it back, whatever its line breaks and mirrored brackets: it breaks lines
    anywhere, and a subset font keeps one character per glyph, so when a bracket is drawn mirrored
    once in a right-to-left run (Arabic, U+202E), every `<` of that font reads back as `>` and the
    reverse. Brackets at either end are dropped: in a right-to-left paragraph they move to the other
    end of a Latin run."""
    return BRACKETS.sub("|", re.sub(r"\s+", "", text)).strip("|")


def assert_pdf_is_inert(report: SimpleNamespace, *shown: str) -> None:
    """No script, no script address; `shown` in the PDF's text, tags included, so it was escaped:
    parsed as HTML, a tag would have vanished from the text (as `test_the_checks_see_live_markup`
    shows)."""
    assert report.scripts == "" and report.actions == []
    refused = [
        url for url in report.urls if any(r in CONTROL.sub("", url).lower() for r in REFUSED_ADDRESSES)
    ]
    assert refused == []
    text = pdf_comparable(report.text)
    missing = [value for value in shown if pdf_comparable(value) not in text]
    assert missing == [], f"not in the PDF's text: {missing}"


# Data, built once -------------------------------------------------------------------------------


def _person(username: str, role: Role, **names):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="correct-horse-battery", **names
    )
    user.groups.add(Group.objects.get(name=role.value))
    return user


def _save(obj, **fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save()
    return obj


def build_world() -> SimpleNamespace:
    ensure_home_page()
    ensure_groups()
    remove_unused_wagtail_groups()
    trainer = _person("trainer", Role.TRAINER, first_name="Karim", last_name="Belhadj")
    task_force = _person("taskforce", Role.TASK_FORCE)
    trainees = [
        _person(f"xss{index:02d}", Role.TRAINEE, first_name=payload(index), last_name=payload(index + 5))
        for index in range(len(PAYLOADS))
    ]
    me = trainees[0]

    # Trainer-written course, module, lesson (every kind of text block) and quiz.
    with translation.override("fr"):
        course = make_course(modules=0, lessons=0)
        _save(course, **translated_fields("title", "Cours", 1), **translated_fields("summary", "Résumé", 2))
        _save(course, **rich_fields("objectives", RICH_TEXT_FEATURES, "Objectifs", 3))
        _save(course, **translated_fields("audience", "Public", 4))
        module = add_module(course)
        _save(module, **translated_fields("title", "Module", 5))
        _save(module, **rich_fields("introduction", RICH_TEXT_FEATURES, "Introduction", 6))
        lesson = LessonPage(
            title="Leçon",
            slug="lecon",
            slug_fr="lecon",
            slug_ar="dars",
            live=True,
            **translated_fields("title", "Leçon", 7),
        )
        lesson.summary_fr = f"Plaidoyer {payload(8)}"
        lesson.summary_ar = f"المناصرة {payload(8 + ARABIC)}"
        lesson.body_fr = json.dumps(lesson_body("fr"))
        lesson.body_ar = json.dumps(lesson_body("ar"))
        module.add_child(instance=lesson)
        LessonBodyBlock().clean(lesson.body_fr)  # as the editor's form validates it

    single = make_question(QuestionKind.SINGLE, correct=(0,), choices=3)
    _save(single, **rich_fields("stem", STEM_FEATURES, "Énoncé", 12))
    _save(single, **rich_fields("general_feedback", STEM_FEATURES, "Explication", 13))
    for index, choice in enumerate(single.choices.order_by("sort_order")):
        _save(choice, **translated_fields("text", f"Choix{index}", 14 + index))
        _save(choice, **translated_fields("feedback", f"Retour{index}", 17 + index))
    short = make_question(QuestionKind.SHORT)
    _save(short, **rich_fields("stem", STEM_FEATURES, "Question courte", 20))
    for index, accepted in enumerate(short.accepted_answers.all()):
        _save(accepted, text=f"Accepté{index} {payload(21 + index)}")
    quiz = make_quiz(module, questions=[single, short])
    _save(
        quiz,
        **translated_fields("title", "Quiz", 9),
        **rich_fields("introduction", RICH_TEXT_FEATURES, "Consigne", 10),
    )

    # Every trainee answers the quiz (a wrong choice and a typed answer); `me` keeps a second open.
    wrong = single.choices.order_by("sort_order")[1]
    cohort = Cohort.objects.create(name=f"Cohorte {payload(3)}")
    cohort.courses.add(course)
    cohort.trainees.set(trainees)
    for index, trainee in enumerate(trainees):
        attempt = start_attempt(user=trainee, quiz=quiz, language="fr")
        submit_attempt(
            attempt=attempt,
            answers={1: Answer(choices=frozenset({wrong.pk})), 2: Answer(text=payload(index + 2))},
        )
    open_attempt = start_attempt(user=me, quiz=quiz, language="fr")
    save_answers(attempt=open_attempt, answers={2: Answer(text=payload(4))})

    # The needs assessment: free text from each trainee, trainer-written labels and competences.
    questionnaire = make_questionnaire()
    for index, competence in enumerate(Competence.objects.order_by("sort_order")):
        _save(competence, **translated_fields("name", f"Compétence{index}", 11 + index))
    text_item = questionnaire.items.get(kind=ItemKind.FREE_TEXT)
    _save(text_item, **translated_fields("label", "Commentaires", 15))
    for index, trainee in enumerate(trainees):
        submit_response(
            user=trainee, questionnaire=questionnaire, values={text_item.pk: ItemValue(text=payload(index))}
        )
    MeetingMinutes.objects.create(
        questionnaire=questionnaire,
        meeting_date="2026-11-20",
        place=payload(1),
        participants="\n".join(PAYLOADS),
        summary_fr=" ".join(PAYLOADS),
        summary_ar=" ".join(PAYLOADS),
        decisions_fr=payload(0),
    )

    # The training plan and its workshop: attendance notes, satisfaction, gain, report texts.
    plan = make_plan(
        cohort=cohort,
        **rich_fields("report_context", NARRATIVE_FEATURES, "Contexte", 16),
        **rich_fields("report_observations", NARRATIVE_FEATURES, "Observations", 17),
        **rich_fields("report_recommendations", NARRATIVE_FEATURES, "Recommandations", 18),
    )
    _save(plan, **translated_fields("title", "Plan", 19))
    workshop = plan.workshops.get()
    _save(
        workshop,
        **translated_fields("title", "Atelier", 0),
        **translated_fields("place", "Lieu", 1),
        facilitators=f"Animateurs {payload(2)}",
        satisfaction_survey=questionnaire,
        pre_test=quiz,
        post_test=quiz,
        starts_at=timezone.now() - timedelta(days=1),
    )
    record_attendance(
        workshop=workshop,
        entries=[AttendanceEntry(t.pk, "present", f"Note {payload(i + 3)}") for i, t in enumerate(trainees)],
    )
    return SimpleNamespace(
        trainer=trainer,
        task_force=task_force,
        trainees=trainees,
        me=me,
        course=course,
        module=module,
        lesson=lesson,
        single=single,
        wrong=wrong,
        short=short,
        quiz=quiz,
        open_attempt=open_attempt,
        cohort=cohort,
        questionnaire=questionnaire,
        text_item=text_item,
        plan=plan,
        workshop=workshop,
    )


def lesson_body(language: str) -> list[dict]:
    def value(label: str, index: int) -> str:
        return texts(label, index)[language]

    def rich(label: str, index: int) -> str:
        return typed_in_editor(INLINE_FEATURES, value(label, index), link="javascript:alert(1)")

    return [
        {"type": "heading", "value": {"text": value("Titre", 0), "level": "h2"}},
        {"type": "paragraph", "value": rich("Paragraphe", 1)},
        {
            "type": "callout",
            "value": {"kind": "tip", "title": value("Encadré", 2), "text": rich("Astuce", 3)},
        },
        {"type": "quote", "value": {"text": value("Citation", 4), "attribution": value("Auteur", 5)}},
        {
            "type": "case_study",
            "value": {
                "title": value("Cas", 6),
                "context": rich("Contexte", 7),
                "question": value("Réflexion", 8),
            },
        },
        {"type": "faq", "value": {"items": [{"question": value("FAQ", 9), "answer": rich("Réponse", 10)}]}},
        {
            "type": "further_reading",
            "value": {
                "links": [
                    {"title": value("Lien", 11), "url": "https://example.org/", "source": value("Source", 12)}
                ]
            },
        },
    ]


LESSON_BLOCK_LABELS = [
    ("Titre", 0),
    ("Paragraphe", 1),
    ("Encadré", 2),
    ("Astuce", 3),
    ("Citation", 4),
    ("Auteur", 5),
    ("Cas", 6),
    ("Contexte", 7),
    ("Réflexion", 8),
    ("FAQ", 9),
    ("Réponse", 10),
    ("Lien", 11),
    ("Source", 12),
]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def full_names(users) -> list[str]:
    return [user.get_full_name() for user in users]


# The corpus and the editor ----------------------------------------------------------------------


def test_the_corpus_has_twenty_payloads_with_rtl_override_and_arabic():
    assert len(set(PAYLOADS)) >= 20
    assert any("\u202e" in p for p in PAYLOADS) and any(re.search(r"[\u0600-\u06ff]", p) for p in PAYLOADS)


def test_the_editor_keeps_markup_as_text_and_drops_script_addresses():
    stored = typed_in_editor(RICH_TEXT_FEATURES, payload(1), link="javascript:alert(1)")
    assert "<img" not in stored and "&lt;img src=x onerror=alert(1)&gt;" in stored
    assert "javascript:" not in stored
    further_reading = LessonBodyBlock().child_blocks["further_reading"]

    def link(address: str):
        return further_reading.clean(
            further_reading.to_python({"links": [{"title": "Lien", "url": address}]})
        )

    assert link("https://example.org/")
    for address in (
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
    ):
        with pytest.raises(ValidationError):
            link(address)


def test_the_checks_see_live_markup(tmp_path):
    """The checks below can fail: each payload, left unescaped, is seen by the parser-based check
    alone, and a PDF made from live markup has a script link and loses the tags from its text."""
    for markup in LIVE_MARKUP:
        assert dom_markup(f"<html><body><p>{markup}</p></body></html>"), markup
    from weasyprint import HTML

    live = HTML(string=f"<p>{PAYLOADS[5]} {PAYLOADS[0]} {PAYLOADS[1]}</p>").write_pdf()
    report = pdf_report(live, tmp_path)
    assert report.urls == ["javascript:alert(1)"]
    with pytest.raises(AssertionError):
        assert_pdf_is_inert(report)
    with pytest.raises(AssertionError):
        assert_pdf_is_inert(
            pdf_report(HTML(string=f"<p>{PAYLOADS[0]}</p>").write_pdf(), tmp_path), PAYLOADS[0]
        )


# Review area: needs assessment, minutes, exports ------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_review_pages_escape_what_people_typed(client, world, language):
    client.force_login(world.task_force)
    base = f"/{language}/review/questionnaires/{world.questionnaire.pk}/"
    competences = [getattr(c, f"name_{language}") for c in Competence.objects.all()]
    label = getattr(world.text_item, f"label_{language}")
    assert_escaped(html_of(client, base), *full_names(world.trainees), *PAYLOADS, *competences, label)
    assert_escaped(html_of(client, base + "minutes/"), *PAYLOADS, *competences)
    assert_escaped(html_of(client, base + "minutes/edit/"), *PAYLOADS)


@needs_poppler
def test_exports_and_pdf_do_not_carry_live_markup(client, world, tmp_path):
    client.force_login(world.task_force)
    base = f"/fr/review/questionnaires/{world.questionnaire.pk}/"
    cells = csv_cells(client, base + "responses.csv")
    assert "<script>alert(1)</script>" in cells  # kept as text: a CSV is not HTML
    assert "'" + PAYLOADS[21] in cells and PAYLOADS[21] not in cells  # a formula is neutralised
    pdf = client.get(base + "minutes.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert_pdf_is_inert(pdf_report(pdf.content, tmp_path), *MARKUP_LTR)


# Trainer-written content, as the trainee reads it -----------------------------------------------


def url_in(page, language: str) -> str:
    with translation.override(language):
        return page.get_url()


def input_values(content: str, name) -> list[str]:
    return [
        field.get("value")
        for field in BeautifulSoup(content, "html.parser").find_all("input", attrs={"name": name})
    ]


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
        *(answer.text for answer in world.short.accepted_answers.all()),
    )
    assert_escaped(
        html_of(client, f"/{language}/my/"), field(world.course, "title"), field(world.lesson, "title")
    )
    assert_escaped(html_of(client, f"/{language}/my/certificates/"), field(world.workshop, "title"))
    word = {"fr": "Plaidoyer", "ar": "المناصرة"}[language]
    query = f"{word} {payload(1)}"
    found = html_of(client, f"/{language}/search/", q=query)
    assert_escaped(found)
    assert query in input_values(found, "q")
    found = html_of(client, f"/{language}/search/", q=word)
    assert_escaped(found, field(world.lesson, "title"), field(world.course, "title"))


# The trainer's admin: progress matrix, quiz results, trainees' data, attendance ------------------


ADMIN_PAGES = {
    "cohorts": lambda w: ("/admin/progress/", [w.cohort.name]),
    "progress matrix": lambda w: (
        f"/admin/progress/{w.cohort.pk}/",
        [w.cohort.name, *full_names(w.trainees), w.lesson.title_fr, w.quiz.title_fr],
    ),
    "quizzes": lambda w: ("/admin/quiz-results/", [w.quiz.title_fr]),
    "quiz results": lambda w: (
        f"/admin/quiz-results/{w.quiz.pk}/",
        [
            w.quiz.title_fr,
            *full_names(w.trainees),
            texts("Énoncé", 12)["fr"],
            texts("Question courte", 20)["fr"],
        ],
    ),
    "trainees' personal data": lambda w: ("/admin/trainees/", [w.cohort.name, *full_names(w.trainees)]),
    "workshops": lambda w: ("/admin/attendance/", [w.workshop.title_fr]),
    "attendance sheet": lambda w: (
        f"/admin/attendance/{w.workshop.pk}/",
        [w.workshop.title_fr, w.workshop.place_fr, *full_names(w.trainees)],
    ),
}


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_trainer_admin_pages_escape_names_and_titles(client, world, page):
    url, shown = ADMIN_PAGES[page](world)
    client.force_login(world.trainer)
    content = html_of(client, url)
    assert_escaped(content, *shown)
    if page == "attendance sheet":  # the notes come back in the inputs, as typed
        notes = {f"Note {payload(index + 3)}" for index in range(len(world.trainees))}
        assert set(input_values(content, re.compile(r"^t\d+-note$"))) == notes


@pytest.mark.parametrize("page", ["progress", "quiz-results"])
def test_trainer_exports_keep_names_as_text_and_neutralise_formulas(client, world, page):
    client.force_login(world.trainer)
    pk = world.cohort.pk if page == "progress" else world.quiz.pk
    cells = csv_cells(client, f"/admin/{page}/{pk}/?export=csv")
    names = full_names(world.trainees)
    assert [name for name in names if not name.startswith("=") and name not in cells] == []
    assert "'" + full_names(world.trainees)[21] in cells  # the name starting with "=" is neutralised


# The trainee's own data -------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_my_data_page_escapes_everything_and_the_json_keeps_it_as_typed(client, world, language):
    me = world.me
    client.force_login(me)
    assert_escaped(
        html_of(client, f"/{language}/my/data/"),
        me.first_name,
        me.last_name,
        world.cohort.name,
        world.quiz.title_fr if language == "fr" else world.quiz.title_ar,
        getattr(world.workshop, f"title_{language}"),
    )
    response = client.get(f"/{language}/my/data/", {"format": "json"})
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"  # never sniffed as HTML
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert (data["account"]["first_name"], data["account"]["last_name"]) == (me.first_name, me.last_name)
    assert data["cohorts"] == [world.cohort.name]
    answers = [answer["text"] for attempt in data["quiz_attempts"] for answer in attempt["answers"]]
    assert payload(2) in answers and payload(4) in answers
    assert [row["note"] for row in data["attendance"]] == [f"Note {payload(3)}"]
    free_text = [a["text"] for r in data["questionnaire_responses"] for a in r["answers"] if a["text"]]
    assert free_text == [payload(0)]
    questions = [answer["question"] for attempt in data["quiz_attempts"] for answer in attempt["answers"]]
    assert texts("Énoncé", 12)[language] in questions  # the question as text: not escaped twice


# Training reports, their PDFs and the certificate -----------------------------------------------


def report_urls(world) -> dict[str, str]:
    plan, workshop = world.plan.pk, world.workshop.pk
    return {
        "plan": f"review/plans/{plan}/report",
        "workshop": f"review/plans/{plan}/workshops/{workshop}/report",
    }


def workshop_texts(world, language: str) -> list[str]:
    workshop = world.workshop
    return [
        getattr(workshop, f"title_{language}"),
        getattr(workshop, f"place_{language}"),
        workshop.facilitators,
        *full_names(world.trainees),  # attendance and knowledge gain
        *(f"Note {payload(index + 3)}" for index in range(len(world.trainees))),
        *PAYLOADS,  # the satisfaction survey's free texts
        getattr(world.text_item, f"label_{language}"),
    ]


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("report", ["plan", "workshop"])
def test_training_reports_escape_what_trainers_and_trainees_wrote(client, world, report, language):
    client.force_login(world.task_force)
    shown = workshop_texts(world, language)
    if report == "plan":
        shown += [getattr(world.plan, f"title_{language}")]
        shown += [
            texts(label, index)[language]
            for label, index in [("Contexte", 16), ("Observations", 17), ("Recommandations", 18)]
        ]
    assert_escaped(html_of(client, f"/{language}/{report_urls(world)[report]}/"), *shown)


@needs_poppler
@pytest.mark.parametrize("document", ["plan", "workshop", "certificate"])
def test_report_and_certificate_pdfs_show_the_text_and_carry_no_action(client, world, document, tmp_path):
    if document == "certificate":
        client.force_login(world.me)
        url = f"/fr/my/certificates/workshop-{world.workshop.pk}.pdf"
        shown = [world.me.get_full_name(), world.workshop.title_fr, world.workshop.title_ar]
    else:
        client.force_login(world.task_force)
        url = f"/fr/{report_urls(world)[document]}.pdf"
        latin = [name for name in full_names(world.trainees) if not RIGHT_TO_LEFT.search(name)]
        shown = [world.workshop.title_fr, world.workshop.facilitators, *latin, *MARKUP_LTR]
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert_pdf_is_inert(pdf_report(response.content, tmp_path), *shown)


# E-mail -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_password_reset_email_carries_no_typed_markup(client, world, language):
    """The e-mail is plain text; of what people type, it names only the username, which can hold
    no markup (letters, digits and @.+-_), never the first or last name."""
    me = world.me
    response = client.post(f"/{language}/accounts/password/reset/", {"email": me.email})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [me.email]
    assert getattr(message, "alternatives", []) == [] and message.content_subtype == "plain"
    assert me.get_username() in message.body
    for typed in (me.first_name, me.last_name, *LIVE_MARKUP):
        assert typed not in message.body and typed not in message.subject
    assert "\n" not in message.subject
    for markup in PAYLOADS:
        with pytest.raises(ValidationError):
            UnicodeUsernameValidator()(markup)


# Search excerpts -------------------------------------------------------------------------------


def test_search_excerpts_show_lesson_text_as_typed(client, world):
    client.force_login(world.me)
    found = html_of(client, "/fr/search/", q="Plaidoyer")
    excerpt = BeautifulSoup(found, "html.parser").select_one(".search-results li p:last-child").get_text()
    assert world.lesson.summary_fr in excerpt and texts("Paragraphe", 1)["fr"] in excerpt

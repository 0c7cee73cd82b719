"""Text typed by trainees and the task force comes back escaped on every page, export and PDF."""

import pytest

from assessments.models import MeetingMinutes
from assessments.questionnaires import ItemValue, submit_response
from home.roles import Role
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
]
# What must never come back: any payload's markup as it was typed (escaped text is fine).
LIVE_MARKUP = [payload.strip("\u202e\u202b\u202c") for payload in PAYLOADS if "<" in payload]
LIVE_MARKUP += ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>"]


@pytest.fixture
def written(site_tree, make_user):
    questionnaire = make_questionnaire()
    text_item = questionnaire.items.get(kind="text")
    for index, payload in enumerate(PAYLOADS):
        trainee = make_user(Role.TRAINEE, first_name=payload[:30], last_name=str(index))
        submit_response(
            user=trainee, questionnaire=questionnaire, values={text_item.pk: ItemValue(text=payload)}
        )
    MeetingMinutes.objects.create(
        questionnaire=questionnaire,
        meeting_date="2026-11-20",
        place=PAYLOADS[1],
        participants="\n".join(PAYLOADS),
        summary_fr=" ".join(PAYLOADS),
        summary_ar=" ".join(PAYLOADS),
        decisions_fr=PAYLOADS[0],
    )
    return questionnaire


def assert_escaped(content: str) -> None:
    for markup in LIVE_MARKUP:
        assert markup not in content, markup


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_review_pages_escape_what_people_typed(client, written, task_force, language):
    client.force_login(task_force)
    base = f"/{language}/review/questionnaires/{written.pk}/"
    for url in (base, base + "minutes/", base + "minutes/edit/"):
        html = client.get(url).content.decode()
        assert "&lt;script&gt;" in html or "&lt;img" in html
        assert_escaped(html)


def test_exports_and_pdf_do_not_carry_live_markup(client, written, task_force):
    client.force_login(task_force)
    csv = b"".join(
        client.get(f"/fr/review/questionnaires/{written.pk}/responses.csv").streaming_content
    ).decode()
    assert "<script>alert(1)</script>" in csv  # kept as text: a CSV is not HTML, and no cell starts with =
    pdf = client.get(f"/fr/review/questionnaires/{written.pk}/minutes.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert b"javascript:alert" not in pdf.content or b"/JS" not in pdf.content  # no PDF action made of it

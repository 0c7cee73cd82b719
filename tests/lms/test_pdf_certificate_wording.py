"""The certificate names its holder in wording that needs no grammatical gender (issue 18)."""

import re
import shutil
import subprocess

import pytest

from tests.factories.courses import make_completed_course
from tests.paths import path_to

pytestmark = pytest.mark.django_db

# "قد أتمّ" / "أتمّ" / "أكمل": the masculine past of "complete" that a woman's certificate must not carry
MASCULINE_VERB = re.compile(
    r"(?<![\u0621-\u064A])(قد\s+)?(أتم|أكمل|أنهى|تابع)[\u064B-\u0652]*(?![\u0621-\u064A])"
)


def certificate_text(client, holder, language: str, tmp_path) -> str:
    course = make_completed_course(holder, lessons=1)
    client.force_login(holder)
    response = client.get(path_to("lms:course_certificate", language=language, course_id=course.pk))
    assert response.status_code == 200
    pdf = tmp_path / f"certificate-{language}.pdf"
    pdf.write_bytes(response.content)
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing")
def test_a_womans_certificate_has_no_masculine_verb_in_arabic(client, site_tree, make_user, tmp_path):
    sonia = make_user(username="sonia", first_name="Sonia", last_name="Mejri")
    text = certificate_text(client, sonia, "ar", tmp_path)
    assert "Sonia Mejri" in text
    assert "بإتمام" in text and "بنجاح" in text
    assert not MASCULINE_VERB.search(text), MASCULINE_VERB.search(text).group(0)
    assert "Il est certifié que" in text and "a suivi avec succès" in text


def test_the_masculine_marker_is_precise():
    assert MASCULINE_VERB.search("Sonia Mejri قد أتمّ بنجاح")
    assert not MASCULINE_VERB.search("يُشهَد بإتمام Sonia Mejri بنجاحٍ متطلّبات")

"""Certificate tiers: participation (attendance) and achievement (completion and pass), stated on
the certificate; certificates are records, so those issued before tiers keep what they stated."""

import re
import shutil
import subprocess

import pytest

from tests.factories.plans import make_plan
from tests.paths import path_to

pytestmark = pytest.mark.django_db


def test_certificates_state_their_tier_and_earlier_ones_stay_as_issued(site_tree, make_user):
    """Participation (a workshop attended), achievement (a course completed and passed); a certificate
    issued before tiers existed keeps stating what it stated."""
    from courses.progress import mark_step_complete
    from home.roles import Role
    from lms.certificates import eligible_items, issue
    from lms.models import Attendance, Certificate
    from tests.factories.courses import enrol, lessons_of, make_course

    trainee = make_user(Role.TRAINEE)
    course = make_course(modules=1, lessons=1)
    cohort = enrol(trainee, course)
    for lesson in lessons_of(course):
        mark_step_complete(user=trainee, page=lesson)
    workshop = make_plan(cohort=cohort).workshops.get()
    Attendance.objects.create(workshop=workshop, trainee=trainee, status="present")
    issued = {
        ("course" if item.course else "workshop"): issue(user=trainee, item=item)
        for item in eligible_items(user=trainee)
    }
    assert issued["course"].tier == "achievement" and issued["workshop"].tier == "participation"
    Certificate.objects.filter(pk=issued["course"].pk).update(tier="")  # as issued before tiers
    again = issue(user=trainee, item=next(i for i in eligible_items(user=trainee) if i.course))
    assert again.pk == issued["course"].pk and again.tier == ""


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing")
def test_the_certificate_states_its_tier_in_both_languages(client, site_tree, make_user, tmp_path):
    from home.roles import Role
    from lms.models import Attendance

    trainee = make_user(Role.TRAINEE, first_name="Amira", last_name="B")
    workshop = make_plan().workshops.get()
    Attendance.objects.create(workshop=workshop, trainee=trainee, status="present")
    client.force_login(trainee)
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(client.get(path_to("lms:workshop_certificate", workshop_id=workshop.pk)).content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Certificat de participation" in text and "شهادة مشاركة" in re.sub("[\u202a-\u202e]", "", text)

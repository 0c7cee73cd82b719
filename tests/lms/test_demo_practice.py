"""The demo's practice with feedback (issue 20), as `load_demo` leaves it: one assignment per module
of the starter course with a rubric in both languages, the structured template where it fits, the
demo cohort's work at every stage (draft, awaiting feedback, feedback drafted, returned, revised,
accepted), both worksheet templates and the actor register with institutional contacts only."""

import pytest

from assessments.assignments import competence_evidence, levels_of
from assessments.models import AssignmentPage, Feedback, Submission
from assessments.models.assignments import Decision, SubmissionMode, SubmissionStatus
from courses.models import Actor, CoursePage, ModulePage, StepProgress, WorksheetTemplate
from courses.translation_status import missing_translations
from home.languages import language_codes

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("test_demo_practice")]


@pytest.fixture
def demo(demo_site, db):
    return CoursePage.objects.get()


def test_every_module_has_one_assignment_with_a_rubric_in_both_languages(demo):
    modules = list(ModulePage.objects.child_of(demo).live())
    assert len(modules) >= 5
    for module in modules:
        [assignment] = AssignmentPage.objects.child_of(module).live().specific()
        criteria = list(assignment.criteria.all())
        assert not assignment.comments_only and len(criteria) >= 3, module.title
        assert assignment.competences.exists() and assignment.due_at is not None, assignment.title
        # As the editor opens it (its latest revision): publishing it again keeps them.
        assert list(assignment.get_latest_revision_as_object().competences.all()), assignment.title
        for criterion in criteria:
            for code in language_codes():
                described = [getattr(criterion, f"level_{n}_{code}") for n in range(1, 5)]
                assert sum(bool(text) for text in described) >= 3, (criterion.title, code)
            points = [points for _n, _d, points in levels_of(criterion)]
            assert points == sorted(points) and points[0] < points[-1], criterion.title
        assert missing_translations(assignment) == [], assignment.title
    template_work = AssignmentPage.objects.filter(submission_mode=SubmissionMode.TEMPLATE)
    assert {a.worksheet_template.slug for a in template_work} == {"plan-de-plaidoyer"}


def test_the_demo_cohort_has_work_at_every_stage(demo):
    submissions = Submission.objects.prefetch_related("versions__feedback")
    stages = set()
    for submission in submissions:
        versions = list(submission.versions.all())
        feedback = [getattr(v, "feedback", None) for v in versions]
        if submission.status == SubmissionStatus.SUBMITTED and feedback[-1] is not None:
            assert not feedback[-1].is_released
            stages.add("feedback drafted")
        elif submission.status == SubmissionStatus.SUBMITTED and len(versions) > 1:
            stages.add("revised")
        else:
            stages.add(submission.status)
        if submission.status == SubmissionStatus.ACCEPTED and len(versions) > 1:
            stages.add("revised, then accepted")
            assert feedback[0].decision == Decision.RETURN and feedback[-1].decision == Decision.ACCEPT
    assert stages >= {
        "draft",
        "submitted",
        "feedback drafted",
        "returned",
        "revised",
        "accepted",
        "revised, then accepted",
    }
    # Each acceptance completed the step with the rubric's score.
    accepted = Submission.objects.filter(status=SubmissionStatus.ACCEPTED)
    for submission in accepted:
        progress = StepProgress.objects.get(user=submission.user, page=submission.assignment)
        assert progress.completed_at is not None and progress.score is not None
    # Accepted work is evidence of the competences the assignment names.
    evidence = competence_evidence(user=accepted.first().user)
    assert evidence and all(item.competences and item.score is not None for item in evidence)
    released = Feedback.objects.filter(released_at__isnull=False)
    assert released.count() >= accepted.count() and not released.filter(points__isnull=True).exists()


def test_both_templates_and_the_register_hold_institutions_only(demo):
    assert set(WorksheetTemplate.objects.filter(live=True).values_list("slug", flat=True)) >= {
        "plan-de-plaidoyer",
        "fiche-pays",
    }
    acronyms = set(Actor.objects.live().values_list("acronym", flat=True))
    assert {"OFII", "GIZ", "BAMF", "SEM", "DT&V", "Fedasil", "Frontex", "ICMPD"} <= acronyms
    assert Actor.objects.live().filter(kind="ministry").exists()
    for actor in Actor.objects.all():
        actor.full_clean()  # no mobile number, no personal mailbox, proposals included
    for actor in Actor.objects.live():  # a trainee's proposal may be in one language until approved
        assert missing_translations(actor) == [], actor.name

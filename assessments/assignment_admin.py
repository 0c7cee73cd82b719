"""The trainer's side of assignments, in the Wagtail admin: the "to review" queue, one submission
beside its rubric (a radio per criterion, comments, draft / return / accept), reopening, files."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.paginator import WagtailPaginator

from courses.models import Cohort
from home.people import display_name
from home.roles import Role, role_required

from .assignment_forms import FeedbackForm, comment_field_name, level_field_name
from .assignment_views import version_file_response
from .assignments import (
    AssignmentError,
    awaiting_feedback,
    criteria_of,
    levels_of,
    reopen,
    save_feedback,
    version_worksheets,
)
from .models import Submission, SubmissionVersion
from .models.assignments import Decision, SubmissionStatus

trainers_only = role_required(Role.TRAINER)


QUEUE_PAGE_SIZE = 50


class ReviewQueuePaginator(WagtailPaginator):
    """Wagtail's admin pagination, counting works awaiting feedback in the reader's language."""

    @cached_property
    def items_count_label(self) -> str:
        return ngettext(
            "%(count)s work awaiting feedback", "%(count)s works awaiting feedback", self.count
        ) % {"count": self.count}


@trainers_only
def review_queue(request):
    """Submissions awaiting feedback, oldest first, 50 a page (`?p=`; a page number out of range shows
    the last page, anything else the first); `?cohort=<id>` keeps one cohort's trainees. The title
    counts every work of the queue (or of the cohort), not only those of the page shown."""
    cohorts = list(Cohort.objects.order_by("-start_date", "name"))
    submissions = awaiting_feedback()
    chosen = request.GET.get("cohort", "")
    if chosen.isdigit():
        submissions = submissions.filter(user__cohorts__pk=int(chosen))
    paginator = ReviewQueuePaginator(submissions, QUEUE_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "assessments/admin/review_queue.html",
        {
            "page": page,
            "elided_page_range": paginator.get_elided_page_range(page.number),
            "cohorts": cohorts,
            "chosen_cohort": chosen,
            "page_title": _("To review (%(count)s)") % {"count": paginator.count},
            "header_icon": "doc-full",
        },
    )


def _feedback_initial(feedback) -> dict:
    if feedback is None:
        return {}
    initial = {"overall_comment": feedback.overall_comment}
    for mark in feedback.marks.all():
        if mark.criterion_id:
            initial[f"level_{mark.criterion_id}"] = mark.level
            initial[f"comment_{mark.criterion_id}"] = mark.comment
    return initial


@trainers_only
def review_submission(request, submission_id: int):
    """The latest version beside its rubric; earlier versions and their feedback below."""
    submission = get_object_or_404(Submission.objects.select_related("user", "assignment"), pk=submission_id)
    assignment = submission.assignment.specific
    criteria = criteria_of(assignment=assignment)
    versions = list(
        SubmissionVersion.objects.filter(submission=submission)
        .select_related("feedback")
        .prefetch_related("feedback__marks__criterion")
        .order_by("-number")
    )
    current = versions[0] if versions else None
    worksheets = version_worksheets(versions)
    awaiting = submission.status == SubmissionStatus.SUBMITTED and current is not None
    draft = getattr(current, "feedback", None) if awaiting else None
    status = 200
    form = None
    if awaiting:
        form = FeedbackForm(request.POST or None, criteria=criteria, initial=_feedback_initial(draft))
        if request.method == "POST":
            if form.is_valid():
                try:
                    save_feedback(
                        version=current,
                        reviewer=request.user,
                        marks=form.marks(),
                        overall_comment=form.cleaned_data["overall_comment"],
                        decision=form.decision,
                        release=form.releasing,
                    )
                except (AssignmentError, ValidationError) as refusal:
                    messages.error(request, _("Nothing was sent.") + " " + str(refusal))
                    status = 400
                else:
                    messages.success(request, _released_message(form.decision))
                    if form.releasing:
                        return redirect("assessments_review_queue")
                    return redirect("assessments_review_submission", submission_id=submission.pk)
            else:
                messages.error(request, _("Nothing was sent: check the fields marked in red."))
                status = 400
    elif request.method == "POST":
        messages.warning(request, _("This work is not awaiting feedback: nothing was changed."))
        return redirect("assessments_review_submission", submission_id=submission.pk)
    return TemplateResponse(
        request,
        "assessments/admin/review_submission.html",
        {
            "submission": submission,
            "assignment": assignment,
            "current": current if awaiting else None,
            "current_worksheet": worksheets.get(current.pk) if awaiting else None,
            "history": [(v, worksheets.get(v.pk)) for v in (versions[1:] if awaiting else versions)],
            "form": form,
            "rubric_rows": _rubric_rows(form, criteria) if form else [],
            "may_reopen": submission.status == SubmissionStatus.RETURNED and submission.reopened_at is None,
            "page_title": _("%(trainee)s: %(assignment)s")
            % {"trainee": display_name(submission.user), "assignment": assignment.title},
            "header_icon": "doc-full",
        },
        status=status,
    )


def _rubric_rows(form, criteria):
    return [
        {
            "criterion": criterion,
            "levels": levels_of(criterion),
            "level_field": form[level_field_name(criterion)],
            "comment_field": form[comment_field_name(criterion)],
        }
        for criterion in criteria
    ]


def _released_message(decision: str) -> str:
    if decision == Decision.ACCEPT:
        return _("The work has been accepted and the trainee can read your feedback.")
    if decision == Decision.RETURN:
        return _("The work has been returned for revision with your feedback.")
    return _("Your feedback has been saved as a draft: the trainee does not see it yet.")


@trainers_only
def reopen_submission(request, submission_id: int):
    """POST: one more submission allowed, past the due date or the revisions allowed."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    submission = get_object_or_404(Submission, pk=submission_id)
    try:
        reopen(submission=submission, by=request.user)
    except AssignmentError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The assignment has been reopened for one more submission."))
    return redirect("assessments_review_submission", submission_id=submission.pk)


@trainers_only
def version_file(request, version_id: int):
    version = get_object_or_404(SubmissionVersion, pk=version_id)
    if not version.file:
        raise Http404
    return version_file_response(version)

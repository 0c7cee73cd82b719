"""The trainee's side of an assignment, reached through AssignmentPage routes: thin wrappers around
`assessments.assignments`. Works without JavaScript; a small script saves the draft as it is typed
(`save/` answers JSON to it)."""

import mimetypes

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.templatetags.wagtailroutablepage_tags import routablepageurl

from courses.dashboard import step_navigation

from .assignment_forms import WorkForm
from .assignments import (
    AssignmentError,
    criteria_of,
    levels_of,
    marks_of,
    save_draft,
    submit,
    trainee_view,
)
from .models import SubmissionVersion

AUTOSAVE_HEADER = "X-Autosave"


def _url(request, assignment, name, *args) -> str:
    return routablepageurl({"request": request}, assignment, name, *args)


def _rubric(assignment) -> list[tuple]:
    return [(criterion, levels_of(criterion)) for criterion in criteria_of(assignment=assignment)]


def _overview_context(request, assignment, *, step_context, form=None) -> dict:
    state = trainee_view(user=request.user, assignment=assignment)
    if form is None:
        initial = {"text": state.submission.text} if state.submission is not None else {}
        form = WorkForm(initial=initial, mode=assignment.submission_mode)
    return {
        "state": state,
        "form": form,
        "rubric": _rubric(assignment),
        "latest_marks": marks_of(state.latest_feedback),
        **step_navigation(context=step_context, request=request, visit=True),
    }


def assignment_overview(request, *, assignment, step_context):
    context = _overview_context(request, assignment, step_context=step_context)
    return assignment.render(request, context_overrides=context)


def save_work_view(request, *, assignment, step_context):
    """POST: save the draft, or save it and hand it in ("Soumettre pour retour")."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    autosave = request.headers.get(AUTOSAVE_HEADER) == "1"
    form = WorkForm(request.POST, request.FILES, mode=assignment.submission_mode)
    if not form.is_valid():
        if autosave:
            return JsonResponse({"saved": False}, status=400)
        response = assignment.render(
            request,
            context_overrides=_overview_context(request, assignment, step_context=step_context, form=form),
        )
        response.status_code = 400
        return response
    try:
        submission = save_draft(
            user=request.user,
            assignment=assignment,
            text=form.cleaned_data.get("text") if "text" in form.fields else None,
            upload=form.cleaned_data.get("file") or None,
        )
        if form.submitting and not autosave:
            version = submit(user=request.user, assignment=assignment)
            messages.success(
                request,
                _("Version %(number)s has been submitted: your trainer will send you feedback.")
                % {"number": version.number},
            )
            return redirect(_url(request, assignment, "overview"))
    except (AssignmentError, ValidationError) as refusal:
        message = str(refusal) if isinstance(refusal, AssignmentError) else " ".join(refusal.messages)
        if autosave:
            return JsonResponse({"saved": False, "message": message}, status=409)
        messages.error(request, message)
        return redirect(_url(request, assignment, "overview"))
    if autosave:
        saved = formats.time_format(timezone.localtime(submission.saved_at), "TIME_FORMAT")
        return JsonResponse({"saved": True, "message": _("Draft saved at %(time)s.") % {"time": saved}})
    messages.success(request, _("Your draft has been saved. You can come back and finish it later."))
    return redirect(_url(request, assignment, "overview") + "#work")


def _own_version(request, assignment, number: int) -> SubmissionVersion:
    version = (
        SubmissionVersion.objects.filter(
            submission__assignment=assignment, submission__user=request.user, number=number
        )
        .select_related("feedback", "submission")
        .first()
    )
    if version is None:
        raise Http404
    return version


def version_view(request, *, assignment, number: int):
    """A version as it was handed in, read-only, with the feedback released on it."""
    from .assignments import released_feedback

    version = _own_version(request, assignment, number)
    feedback = released_feedback(version)
    return TemplateResponse(
        request,
        "assessments/assignment_version.html",
        {
            "page": assignment,
            "assignment": assignment,
            "version": version,
            "feedback": feedback,
            "marks": marks_of(feedback),
        },
    )


def version_file_view(request, *, assignment, number: int):
    version = _own_version(request, assignment, number)
    return version_file_response(version)


def version_file_response(version: SubmissionVersion) -> FileResponse:
    """The version's document, as a download (never shown inline)."""
    if not version.file:
        raise Http404
    content_type = mimetypes.guess_type(version.file_name)[0] or "application/octet-stream"
    response = FileResponse(
        version.file.open("rb"), as_attachment=True, filename=version.file_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response

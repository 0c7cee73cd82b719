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
from courses.worksheets import actors_for, worksheet_form

from .assignment_forms import WorkForm
from .assignments import (
    AssignmentError,
    WorksheetIncomplete,
    criteria_of,
    levels_of,
    marks_of,
    save_draft,
    submit,
    trainee_view,
    version_worksheet,
)
from .models import SubmissionVersion
from .models.assignments import SubmissionMode

AUTOSAVE_HEADER = "X-Autosave"


def _url(request, assignment, name, *args) -> str:
    return routablepageurl({"request": request}, assignment, name, *args)


def _rubric(assignment) -> list[tuple]:
    return [(criterion, levels_of(criterion)) for criterion in criteria_of(assignment=assignment)]


def _uses_template(assignment) -> bool:
    template_id = assignment.worksheet_template_id
    return assignment.submission_mode == SubmissionMode.TEMPLATE and template_id is not None


def _worksheet_form(request, assignment, *, data=None, values=None, add_row: str = ""):
    return worksheet_form(
        template=assignment.worksheet_template,
        data=data,
        values=values,
        actors=actors_for(request.user),
        add_row=add_row,
    )


def _overview_context(request, assignment, *, step_context, form=None, worksheet=None, problems=None) -> dict:
    state = trainee_view(user=request.user, assignment=assignment)
    if form is None:
        initial = {"text": state.submission.text} if state.submission is not None else {}
        form = WorkForm(initial=initial, mode=assignment.submission_mode)
    if worksheet is None and _uses_template(assignment):
        values = state.submission.values if state.submission is not None else {}
        worksheet = _worksheet_form(request, assignment, values=values)
    return {
        "state": state,
        "form": form,
        "worksheet_form": worksheet,
        "worksheet_problems": problems or [],
        "rubric": _rubric(assignment),
        "latest_marks": marks_of(state.latest_feedback),
        **step_navigation(context=step_context, request=request, visit=True),
    }


def assignment_overview(request, *, assignment, step_context):
    context = _overview_context(request, assignment, step_context=step_context)
    return assignment.render(request, context_overrides=context)


def _rerender(request, assignment, *, step_context, status: int = 400, **context):
    context = _overview_context(request, assignment, step_context=step_context, **context)
    response = assignment.render(request, context_overrides=context)
    response.status_code = status
    return response


def save_work_view(request, *, assignment, step_context):
    """POST: save the draft, or save it and hand it in ("Soumettre pour retour"). For a structured
    template, "save and add a row" saves the draft and shows the form again with one more row; the
    template's rules are checked on submitting only (a draft may be incomplete)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    autosave = request.headers.get(AUTOSAVE_HEADER) == "1"
    form = WorkForm(request.POST, request.FILES, mode=assignment.submission_mode)
    template_mode = _uses_template(assignment)
    add_row = request.POST.get("add_row", "") if template_mode else ""
    worksheet = _worksheet_form(request, assignment, data=request.POST) if template_mode else None
    form_valid = form.is_valid()
    if not form_valid or (worksheet is not None and not worksheet.is_valid()):
        if autosave:
            return JsonResponse({"saved": False}, status=400)
        return _rerender(request, assignment, step_context=step_context, form=form, worksheet=worksheet)
    try:
        submission = save_draft(
            user=request.user,
            assignment=assignment,
            text=form.cleaned_data.get("text") if "text" in form.fields else None,
            upload=form.cleaned_data.get("file") or None,
            values=worksheet.values() if worksheet is not None else None,
        )
        if add_row and not autosave:
            messages.success(request, _("Draft saved. A row was added."))
            more = _worksheet_form(request, assignment, values=submission.values, add_row=add_row)
            return _rerender(request, assignment, step_context=step_context, status=200, worksheet=more)
        if form.submitting and not autosave:
            version = submit(user=request.user, assignment=assignment)
            messages.success(
                request,
                _("Version %(number)s has been submitted: your trainer will send you feedback.")
                % {"number": version.number},
            )
            return redirect(_url(request, assignment, "overview"))
    except WorksheetIncomplete as refusal:
        if autosave:
            return JsonResponse({"saved": False, "message": str(refusal)}, status=409)
        messages.error(request, str(refusal))
        return _rerender(
            request, assignment, step_context=step_context, worksheet=worksheet, problems=refusal.problems
        )
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
            "worksheet": version_worksheet(version),
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

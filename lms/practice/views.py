"""The trainee's workbook on the public site: thin views over `workbook.py` and `rendering.py`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.assignments import competence_evidence
from courses.access import read_step_context
from courses.actors import propose_actor
from courses.models import Actor, LessonPage
from courses.worksheets import worksheet_form
from home.people import display_name
from home.routing import on_live_branches

from ..models import Worksheet
from .forms import ActorProposalForm, ReflectionForm, WorksheetTitleForm
from .rendering import docx_response, workbook_docx, workbook_pdf, worksheet_docx, worksheet_pdf
from .workbook import (
    live_templates,
    readable_worksheets,
    save_reflection,
    save_worksheet,
    spec_of_worksheet,
    start_worksheet,
    workbook_of,
    worksheet_view,
)


def _own_worksheet(request, worksheet_id: int) -> Worksheet:
    """The signed-in person's own worksheet (others': 404, as a missing one)."""
    return get_object_or_404(Worksheet, pk=worksheet_id, owner=request.user)


def _readable_worksheet(request, worksheet_id: int) -> Worksheet:
    return get_object_or_404(readable_worksheets(user=request.user).select_related("owner"), pk=worksheet_id)


@login_required
def workbook(request):
    return render(
        request,
        "lms/practice/workbook.html",
        {
            "workbook": workbook_of(owner=request.user),
            "templates": list(live_templates()),
            # The work a trainer accepted: the evidence of the competences it shows, with its score.
            "evidence": competence_evidence(user=request.user),
        },
    )


@login_required
def workbook_export(request, export_format: str):
    book = workbook_of(owner=request.user)
    if export_format == "pdf":
        return workbook_pdf(request, workbook=book)
    return docx_response(workbook_docx(workbook=book), "carnet")


@login_required
@require_POST
def reflection_answer(request, lesson_id: int, block_id: str):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    step = read_step_context(step=lesson, user=request.user) if on_live_branches([lesson]) else None
    if step is None or not step.enrolled:
        raise Http404
    form = ReflectionForm(request.POST)
    if form.is_valid():
        try:
            save_reflection(
                user=request.user, lesson=lesson, block_id=block_id, answer=form.cleaned_data["answer"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your answer is saved in your workbook."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(lesson.get_url(request) + "#reflections")


@login_required
@require_POST
def worksheet_new(request, template_id: int):
    template = get_object_or_404(live_templates(), pk=template_id)
    worksheet = start_worksheet(user=request.user, template=template)
    return redirect("lms:practice:worksheet_edit", worksheet_id=worksheet.pk)


@login_required
def worksheet_edit(request, worksheet_id: int):
    worksheet = _own_worksheet(request, worksheet_id)
    spec = spec_of_worksheet(worksheet)
    actors = Actor.objects.visible_to(request.user)
    if request.method == "POST":
        form = worksheet_form(
            template=spec, data=request.POST, actors=actors, add_row=request.POST.get("add_row", "")
        )
        title_form = WorksheetTitleForm(request.POST)
        if form.is_valid() and title_form.is_valid():
            save_worksheet(worksheet=worksheet, title=title_form.cleaned_data["title"], values=form.values())
            if request.POST.get("add_row"):
                form = worksheet_form(
                    template=spec, values=worksheet.values, actors=actors, add_row=request.POST["add_row"]
                )
                messages.success(request, _("Draft saved. A row was added."))
            else:
                messages.success(request, _("Draft saved."))
                return redirect("lms:practice:worksheet", worksheet_id=worksheet.pk)
        else:
            messages.error(request, _("The draft was not saved: correct the fields marked below."))
    else:
        form = worksheet_form(template=spec, values=worksheet.values, actors=actors)
        title_form = WorksheetTitleForm(initial={"title": worksheet.title})
    return render(
        request,
        "lms/practice/worksheet_form.html",
        {"worksheet": worksheet, "form": form, "title_form": title_form, "spec": spec},
    )


@login_required
def worksheet_detail(request, worksheet_id: int):
    worksheet = _readable_worksheet(request, worksheet_id)
    return render(
        request,
        "lms/practice/worksheet.html",
        {
            "view": worksheet_view(worksheet=worksheet),
            "is_owner": worksheet.owner_id == request.user.pk,
            "owner_name": display_name(worksheet.owner),
        },
    )


@login_required
def worksheet_export(request, worksheet_id: int, export_format: str):
    worksheet = _readable_worksheet(request, worksheet_id)
    view = worksheet_view(worksheet=worksheet)
    if export_format == "pdf":
        return worksheet_pdf(request, view=view)
    return docx_response(worksheet_docx(view=view), "fiche")


@login_required
def actors(request):
    """The register as the trainee sees it (approved entries and their own proposals), and the form
    to propose an entry."""
    form = ActorProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            propose_actor(user=request.user, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you: your proposal awaits a trainer's approval. Until then only you see it."),
            )
            return redirect(reverse("lms:practice:actors"))
    return render(
        request,
        "lms/practice/actors.html",
        {"actors": list(Actor.objects.visible_to(request.user)), "form": form},
    )

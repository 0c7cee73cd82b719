"""The trainers' view of the trainees' workbooks in the admin: one list, one page per trainee."""

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from assessments.assignments import competence_evidence
from home.people import NAME_ORDER, display_name
from home.roles import Role, role_required

from .rendering import docx_response, workbook_docx, workbook_pdf
from .workbook import workbook_of

trainers_only = role_required(Role.TRAINER)


def _trainees():
    return get_user_model().objects.filter(groups__name=Role.TRAINEE.value).distinct()


@trainers_only
def workbook_list(request):
    trainees = (
        _trainees()
        .annotate(
            worksheet_count=Count("worksheets", distinct=True),
            answer_count=Count("reflection_answers", distinct=True),
        )
        .order_by(*NAME_ORDER)
    )
    return TemplateResponse(
        request,
        "lms/admin/workbook_list.html",
        {"trainees": trainees, "page_title": _("Trainees' workbooks"), "header_icon": "form"},
    )


@trainers_only
def trainee_workbook(request, user_id: int):
    owner = get_object_or_404(_trainees(), pk=user_id)
    return TemplateResponse(
        request,
        "lms/admin/workbook.html",
        {
            "owner": owner,
            "workbook": workbook_of(owner=owner),
            "evidence": competence_evidence(user=owner),
            "page_title": _("Workbook of %(name)s") % {"name": display_name(owner)},
            "header_icon": "form",
        },
    )


@trainers_only
def trainee_workbook_export(request, user_id: int, export_format: str):
    owner = get_object_or_404(_trainees(), pk=user_id)
    book = workbook_of(owner=owner)
    if export_format == "pdf":
        return workbook_pdf(request, workbook=book)
    return docx_response(workbook_docx(workbook=book), "carnet")

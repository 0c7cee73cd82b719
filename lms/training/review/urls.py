from django.urls import path

import home.converters  # noqa: F401  (registers <id:...>)

from .. import report_views
from . import questionnaire_views, views

app_name = "review"
urlpatterns = [
    path("plans/<id:plan_id>/report/", report_views.plan_report_view, name="plan_report"),
    path("plans/<id:plan_id>/report.pdf", report_views.plan_report_pdf, name="plan_report_pdf"),
    path("plans/<id:plan_id>/evaluation/", report_views.evaluation_report_view, name="evaluation_report"),
    path(
        "plans/<id:plan_id>/evaluation.pdf", report_views.evaluation_report_pdf, name="evaluation_report_pdf"
    ),
    path(
        "plans/<id:plan_id>/evaluation.<str:export_format>",
        report_views.evaluation_report_export,
        name="evaluation_report_export",
    ),
    path(
        "plans/<id:plan_id>/workshops/<id:workshop_id>/report/",
        report_views.workshop_report_view,
        name="workshop_report",
    ),
    path(
        "plans/<id:plan_id>/workshops/<id:workshop_id>/report.pdf",
        report_views.workshop_report_pdf,
        name="workshop_report_pdf",
    ),
    path("", views.review_index, name="index"),
    path("gain/<id:post_test_id>/", views.gain_view, name="gain"),
    path("questionnaires/<id:questionnaire_id>/", questionnaire_views.results_view, name="results"),
    path(
        "questionnaires/<id:questionnaire_id>/responses.<str:export_format>",
        questionnaire_views.responses_export_view,
        name="responses_export",
    ),
    path("questionnaires/<id:questionnaire_id>/minutes/", questionnaire_views.minutes_view, name="minutes"),
    path(
        "questionnaires/<id:questionnaire_id>/minutes/edit/",
        questionnaire_views.minutes_edit_view,
        name="minutes_edit",
    ),
    path(
        "questionnaires/<id:questionnaire_id>/minutes.pdf",
        questionnaire_views.minutes_pdf_view,
        name="minutes_pdf",
    ),
    path(
        "questionnaires/<int:questionnaire_id>/minutes/adopt/",
        questionnaire_views.minutes_adopt_view,
        name="minutes_adopt",
    ),
    path(
        "questionnaires/<int:questionnaire_id>/minutes/correct/",
        questionnaire_views.minutes_correct_view,
        name="minutes_correct",
    ),
    path(
        "questionnaires/<int:questionnaire_id>/minutes/versions/<int:version>/",
        questionnaire_views.minutes_view,
        name="minutes_version",
    ),
    path(
        "questionnaires/<int:questionnaire_id>/minutes/versions/<int:version>.pdf",
        questionnaire_views.minutes_pdf_view,
        name="minutes_version_pdf",
    ),
]

from django.urls import path

from .. import report_views
from . import questionnaire_views, views

app_name = "review"
urlpatterns = [
    path("plans/<int:plan_id>/report/", report_views.plan_report_view, name="plan_report"),
    path("plans/<int:plan_id>/report.pdf", report_views.plan_report_pdf, name="plan_report_pdf"),
    path(
        "plans/<int:plan_id>/workshops/<int:workshop_id>/report/",
        report_views.workshop_report_view,
        name="workshop_report",
    ),
    path(
        "plans/<int:plan_id>/workshops/<int:workshop_id>/report.pdf",
        report_views.workshop_report_pdf,
        name="workshop_report_pdf",
    ),
    path("", views.review_index, name="index"),
    path("gain/<int:post_test_id>/", views.gain_view, name="gain"),
    path("questionnaires/<int:questionnaire_id>/", questionnaire_views.results_view, name="results"),
    path(
        "questionnaires/<int:questionnaire_id>/responses.<str:export_format>",
        questionnaire_views.responses_export_view,
        name="responses_export",
    ),
    path("questionnaires/<int:questionnaire_id>/minutes/", questionnaire_views.minutes_view, name="minutes"),
    path(
        "questionnaires/<int:questionnaire_id>/minutes/edit/",
        questionnaire_views.minutes_edit_view,
        name="minutes_edit",
    ),
    path(
        "questionnaires/<int:questionnaire_id>/minutes.pdf",
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

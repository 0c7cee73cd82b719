from django.urls import path

from . import questionnaire_views, views

app_name = "review"
urlpatterns = [
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
]

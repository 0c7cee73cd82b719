from django.urls import path

from . import (
    converters,  # noqa: F401  (registers <export:...>)
    views,
)

app_name = "practice"
urlpatterns = [
    path("", views.workbook, name="workbook"),
    path("workbook.<export:export_format>", views.workbook_export, name="workbook_export"),
    path("actors/", views.actors, name="actors"),
    path("reflections/<int:lesson_id>/<slug:block_id>/", views.reflection_answer, name="reflection_answer"),
    path("worksheets/new/<int:template_id>/", views.worksheet_new, name="worksheet_new"),
    path("worksheets/<int:worksheet_id>/", views.worksheet_detail, name="worksheet"),
    path("worksheets/<int:worksheet_id>/edit/", views.worksheet_edit, name="worksheet_edit"),
    path(
        "worksheets/<int:worksheet_id>.<export:export_format>",
        views.worksheet_export,
        name="worksheet_export",
    ),
]

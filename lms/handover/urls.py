from django.urls import path

from . import views

app_name = "handover"
urlpatterns = [
    path("notes/lesson/<int:lesson_id>/", views.lesson_notes, name="lesson_notes"),
    path("notes/workshop/<int:workshop_id>/", views.workshop_notes, name="workshop_notes"),
]

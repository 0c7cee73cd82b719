from django.urls import path

from . import views

app_name = "lms"
urlpatterns = [
    path("my/", views.my_dashboard, name="dashboard"),
]

from django.urls import include, path

from . import views

app_name = "lms"
urlpatterns = [
    path("my/", views.my_dashboard, name="dashboard"),
    path("review/", include("lms.review.urls")),
]

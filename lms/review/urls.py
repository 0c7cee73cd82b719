from django.urls import path

from . import views

app_name = "review"
urlpatterns = [
    path("", views.review_index, name="index"),
    path("gain/<int:post_test_id>/", views.gain_view, name="gain"),
]

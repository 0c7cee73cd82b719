from django.urls import path

import home.converters  # noqa: F401  (registers <id:...>)

from . import views

app_name = "followup"
urlpatterns = [
    path("", views.follow_up, name="index"),
    path("workshops/<id:workshop_id>/commitment/", views.new_commitment, name="commit"),
    path("commitments/<id:commitment_id>/check-in/<str:milestone>/", views.check_in, name="check_in"),
    path("check-ins/<id:check_in_id>/evidence/", views.evidence, name="evidence"),
    path("profile/", views.profile, name="profile"),
]

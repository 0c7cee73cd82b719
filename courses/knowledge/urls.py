from django.urls import path

from . import views

app_name = "knowledge"
urlpatterns = [
    path("funding/", views.funding_list, name="funding_list"),
    path("glossary/", views.glossary, name="glossary"),
]

from django.urls import include, path, re_path

from . import views
from .certificates import views as certificate_views
from .notifications import views as notification_views
from .privacy import consent_views
from .training import approval_views

app_name = "lms"
urlpatterns = [
    path("my/", views.my_dashboard, name="dashboard"),
    path("my/workshops/", views.my_workshops, name="my_workshops"),
    path("my/workshops/<int:workshop_id>.ics", notification_views.workshop_ics, name="workshop_ics"),
    path("my/notifications/", notification_views.notification_preferences, name="notification_preferences"),
    path(
        "my/notifications/calendar/new/", notification_views.calendar_new_address, name="calendar_new_address"
    ),
    # Written without its final slash (an address ending in a digit stays whole in a right-to-left
    # message); the form with the slash, pasted in groups before, still works.
    re_path(r"^go/(?P<page_id>[0-9]+)/?$", notification_views.short_link, name="short_link"),
    path("my/notifications/calendar/revoke/", notification_views.calendar_revoke, name="calendar_revoke"),
    path("my/follow-up/", include("lms.followup.urls")),
    path("search/", views.search, name="search"),
    path("my/data/", views.my_data, name="my_data"),
    path("privacy/", consent_views.privacy_notice, name="privacy_notice"),
    path("review/", include("lms.training.review.urls")),
    path("my/workbook/", include("lms.practice.urls")),
    path("approvals/", approval_views.approvals_index, name="approvals"),
    path("approvals/<int:task_state_id>/", approval_views.approval_decision, name="approval"),
    path("approvals/<int:task_state_id>/approve/", approval_views.approve, name="approval_approve"),
    path(
        "approvals/<int:task_state_id>/request-changes/",
        approval_views.ask_for_changes,
        name="approval_request_changes",
    ),
    path("my/certificates/", certificate_views.my_certificates, name="certificates"),
    path(
        "my/certificates/course-<int:course_id>.pdf",
        certificate_views.course_certificate,
        name="course_certificate",
    ),
    path(
        "my/certificates/workshop-<int:workshop_id>.pdf",
        certificate_views.workshop_certificate,
        name="workshop_certificate",
    ),
    path("my/certificates/<slug:code>.pdf", certificate_views.certificate_pdf, name="certificate_pdf"),
    path("verify/", certificate_views.verify_certificate, name="verify_certificate"),
]

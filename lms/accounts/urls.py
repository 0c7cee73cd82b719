"""Sign-in and password management, built on Django's authentication views."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from home.forms import SitePasswordChangeForm
from lms.privacy.consent import consent_exempt

from .views import LandingLoginView

urlpatterns = [
    path("login/", LandingLoginView.as_view(), name="login"),
    path("logout/", consent_exempt(auth_views.LogoutView.as_view()), name="logout"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(form_class=SitePasswordChangeForm),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(success_url=reverse_lazy("password_reset_done")),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

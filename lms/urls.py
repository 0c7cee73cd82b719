from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home.routing import serve
from home.views import health, theme_css
from lms.accounts.views import AdminLogoutView
from lms.notifications.views import calendar_feed

urlpatterns = [
    # Before Wagtail's own, which signs out on a GET or a forged POST (lms/accounts/views.py).
    path("admin/logout/", AdminLogoutView.as_view(), name="wagtailadmin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz/", health, name="health"),
    path("theme.css", theme_css, name="theme_css"),
    # A calendar application reads the feed without a session or a language prefix (lms/notifications).
    path("calendar/<str:token>.ics", calendar_feed, name="calendar_feed"),
]

# Wagtail's public URLs, its page view replaced by home.routing.serve (one query fewer per page);
# the page's address is a named group (`path`), which Wagtail's `reverse(..., args=...)` still fills.
wagtail_pages = [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern.replace("^(", "^(?P<path>", 1), serve, name="wagtail_serve"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("lms.accounts.urls")),
    path("", include("lms.urls_public")),
    path("knowledge/", include("courses.knowledge.urls")),
    path("handover/", include("lms.handover.urls")),
    path("", include(wagtail_pages)),
    prefix_default_language=True,
)


def development_media_patterns() -> list:
    """Images straight from MEDIA_ROOT under `runserver`. Never documents: they go through Wagtail's
    view, which applies collection privacy (in production the reverse proxy refuses them too)."""
    from django.conf.urls.static import static

    return [
        pattern
        for folder in ("images", "original_images")
        for pattern in static(f"{settings.MEDIA_URL}{folder}/", document_root=settings.MEDIA_ROOT / folder)
    ]


urlpatterns += development_media_patterns()

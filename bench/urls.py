from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from lms.urls import urlpatterns as site_urlpatterns

from .bare import bare_page

urlpatterns = [
    *i18n_patterns(path("bench-bare/<path:page_path>", bare_page), prefix_default_language=True),
    *site_urlpatterns,
]

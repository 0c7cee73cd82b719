"""Security headers: a strict Content-Security-Policy on the public site (the Wagtail admin gets
only the allowances it needs), Permissions-Policy, no caching of signed-in pages, and
Clear-Site-Data when signing out."""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_vary_headers

ADMIN_PREFIXES = ("/admin/",)


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIXES):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts


# The public site's log-out (under each language prefix) and the Wagtail admin's.
LOGOUT_PATHS = ("/accounts/logout/", "/admin/logout/")


class PrivacyHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
            patch_vary_headers(response, ["Cookie"])
        if request.method == "POST" and request.path_info.endswith(LOGOUT_PATHS):
            response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
        return response

"""Security headers: a strict Content-Security-Policy on the public site (the Wagtail admin gets
only the allowances it needs), Permissions-Policy, no caching of signed-in pages, and
Clear-Site-Data when signing out; and the client's real address behind the reverse proxy."""

import ipaddress
from functools import lru_cache

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


# The public site's log-out (Django's URL name, under each language prefix) and the Wagtail admin's.
LOGOUT_URL_NAMES = {"logout", "wagtailadmin_logout"}


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
        # Only a sign-out that happened: a refused one (a forged POST's 403) clears nothing.
        signed_out = request.method == "POST" and response.status_code < 400
        match = getattr(request, "resolver_match", None)
        if signed_out and match is not None and match.url_name in LOGOUT_URL_NAMES:
            response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
        return response


# The client's address -----------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies)


def _is_trusted_proxy(address: str, networks: tuple) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip_address(request) -> str | None:
    """The address of whoever sent the request, as django-axes keys its lockouts on it
    (`AXES_CLIENT_IP_CALLABLE`).

    `REMOTE_ADDR`, unless it is one of `settings.TRUSTED_PROXIES` (addresses or networks of the
    reverse proxies): then the right-most address of `X-Forwarded-For` that is not a trusted proxy,
    i.e. the address the outermost trusted proxy saw. What a client writes into the header itself
    lies to the left of it and is never read; a client that is not a trusted proxy is keyed on its
    own address whatever headers it sends.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if remote is None or not _is_trusted_proxy(remote, networks):
        return remote
    forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([hop for hop in forwarded if hop]):
        if _is_trusted_proxy(hop, networks):
            continue
        try:
            return str(ipaddress.ip_address(hop))
        except ValueError:
            return remote
    return remote

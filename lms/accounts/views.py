"""Sign-in that lands each role on its work, and sign-out of the Wagtail admin that signs out only
when asked properly."""

from django.contrib.auth.views import LoginView
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_protect
from wagtail.admin.views.account import LogoutView as WagtailLogoutView


@method_decorator(csrf_protect, name="dispatch")
class AdminLogoutView(WagtailLogoutView):
    """Wagtail's admin log-out deletes the session cookie on every answer, a refused GET (405) or a
    forged POST (403) included, so a link or a cross-site form signed anyone out. Here only a POST
    that passes the CSRF check reaches Wagtail's view and signs out."""

    def dispatch(self, request, *args, **kwargs):
        if request.method == "OPTIONS":
            return self.options(request, *args, **kwargs)
        if request.method != "POST":
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


class LandingLoginView(LoginView):
    """Django's log-in, where a safe `next` still wins; without one, each role lands on its work."""

    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        from lms.landing import landing_url

        return landing_url(user=self.request.user)

"""The links of the training cycle in the site's header, menu and footer (`home.navigation`)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from home.navigation import NavLink, Place, register_links
from home.roles import REVIEWERS, Role, has_role

from .landing import landing_url, lands_on_dashboard


@register_links(Place.MAIN)
def main_menu(request) -> list[NavLink]:
    user = request.user
    found = []
    if has_role(user, Role.OTE_APPROVER):
        found.append(NavLink(_("Awaiting my approval"), reverse("lms:approvals")))
    if has_role(user, *REVIEWERS):
        found.append(NavLink(_("Review area"), reverse("lms:review:index")))
    if user.is_authenticated and lands_on_dashboard(user=user):
        found.append(NavLink(_("My learning path"), reverse("lms:dashboard")))
        found.append(NavLink(_("Workshops"), reverse("lms:my_workshops")))
        found.append(NavLink(_("My advocacy workbook"), reverse("lms:practice:workbook")))
        found.append(NavLink(_("After the workshops"), reverse("lms:followup:index")))
    return found


@register_links(Place.ACCOUNT)
def account_menu(request) -> list[NavLink]:
    if not request.user.is_authenticated:
        return []
    return [
        NavLink(_("My certificates"), reverse("lms:certificates")),
        NavLink(_("My profile for the evaluation"), reverse("lms:followup:profile")),
        NavLink(_("My data"), reverse("lms:my_data")),
        NavLink(_("Notifications and calendar"), reverse("lms:notification_preferences")),
    ]


@register_links(Place.FOOTER)
def footer(request) -> list[NavLink]:
    return [NavLink(_("Privacy notice"), reverse("lms:privacy_notice"))]


@register_links(Place.SEARCH)
def search(request) -> list[NavLink]:
    return [NavLink(_("Search the courses"), reverse("lms:search"))]


@register_links(Place.HOME_OF_WORK)
def home_of_work(request) -> list[NavLink]:
    if not request.user.is_authenticated:
        return []
    return [NavLink(_("Back to my learning path"), landing_url(user=request.user))]

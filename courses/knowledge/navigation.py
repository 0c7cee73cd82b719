"""The knowledge room's links in the site's footer (home.navigation registry)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from home.navigation import NavLink, Place, register_links


@register_links(Place.FOOTER)
def footer(request) -> list[NavLink]:
    return [
        NavLink(_("Glossary"), reverse("knowledge:glossary")),
        NavLink(_("Funding sources"), reverse("knowledge:funding_list")),
    ]

"""Wagtail's own strings that the project's catalogues word as an OTE document would ("Ajouter :
%(label)s" rather than "Ajouter %(label)s"). Listed here so that `makemessages` keeps them in
`locale/`, which Django reads before Wagtail's catalogues."""

from django.utils.translation import gettext_noop

OVERRIDDEN = [
    gettext_noop("Add %(label)s"),
    gettext_noop("File"),
]

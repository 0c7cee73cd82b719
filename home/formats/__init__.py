"""Dates, times and numbers as Tunisian administration writes them, one module per language.

`FORMAT_MODULE_PATH` points Django here, so every `|date:"DATE_FORMAT"` (and the other named formats)
of the templates, PDFs included, reads these. Arabic writes day/month/year with the Maghreb month
names (جانفي، فيفري...) and a 24-hour clock; Django's own Arabic catalogue has the Mashriq names
(يناير، فبراير...), so the month names are declared again below for `makemessages` and translated in
`locale/ar`, whose catalogue takes precedence over Django's.
"""

from django.utils.translation import gettext_noop

# Read by makemessages only: the month names of the "F" format, which every named format here uses.
MONTH_NAMES = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)

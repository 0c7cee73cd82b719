"""Rules of the shared actor register: what an institutional contact may be, and proposing an entry.

A register entry names institutions, never people: its e-mail is a functional mailbox (personal
webmail domains are refused) and its phone number a switchboard (numbers in the mobile ranges of the
countries the Dispositif works with are refused).
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

PERSONAL_MAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.fr", "hotmail.com", "hotmail.fr",
        "outlook.com", "outlook.fr", "live.com", "live.fr", "msn.com", "icloud.com", "me.com",
        "aol.com", "gmx.de", "gmx.net", "web.de", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net",
        "protonmail.com", "proton.me", "topnet.tn",
    }
)  # fmt: skip

# International prefix → national mobile ranges (the digits after the country code).
MOBILE_RANGES = {
    "33": ("6", "7"),  # France
    "49": ("15", "16", "17"),  # Germany
    "32": ("4",),  # Belgium
    "41": ("75", "76", "77", "78", "79"),  # Switzerland
    "39": ("3",),  # Italy
    "31": ("6",),  # Netherlands
    "216": ("2", "4", "5", "9"),  # Tunisia
}


def validate_institutional_email(value: str) -> None:
    domain = value.rsplit("@", 1)[-1].lower()
    if domain in PERSONAL_MAIL_DOMAINS:
        raise ValidationError(
            _("Give the institution's functional mailbox, not a personal address."), code="personal_email"
        )


def validate_institutional_phone(value: str) -> None:
    digits = re.sub(r"[\s.\-()/]", "", value)
    if not re.fullmatch(r"\+\d{6,15}", digits):
        raise ValidationError(
            _("Give the switchboard in international form, for example +33 1 23 45 67 89."),
            code="phone_format",
        )
    national = digits[1:]
    for prefix, ranges in MOBILE_RANGES.items():
        if national.startswith(prefix) and national[len(prefix) :].startswith(ranges):
            raise ValidationError(
                _("This looks like a mobile number: give the institution's switchboard."), code="mobile_phone"
            )


def proposals_to_approve():
    """Trainees' proposals no trainer has approved yet: what a trainer checks, oldest first."""
    from .models import Actor

    return Actor.objects.filter(live=False, proposed_by__isnull=False).order_by("pk")


@transaction.atomic
def propose_actor(*, user, **fields):
    """A trainee's proposal: saved as a draft awaiting a trainer's approval, visible to its proposer."""
    from .models import Actor

    actor = Actor(proposed_by=user, live=False, **fields)
    actor.full_clean()
    actor.save()
    actor.save_revision(user=user)
    return actor


@transaction.atomic
def approve_actor(*, actor, user):
    """Publish the latest revision: every trainee sees the entry from now on."""
    revision = actor.latest_revision or actor.save_revision(user=user)
    revision.publish(user=user)
    actor.refresh_from_db()
    return actor

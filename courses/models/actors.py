"""The shared actor register: agencies and institutions a mobilisation plan targets.

Entries are moderated: a trainee proposes one from the public site (a draft, `live=False`, seen only
by its proposer), a trainer publishes it in the admin, and only then does every trainee see it.
The contact is the institution's own (a switchboard, a functional mailbox): never a person's.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index

from ..actors import validate_institutional_email, validate_institutional_phone


class ActorKind(models.TextChoices):
    AGENCY = "agency", _("National agency")
    MINISTRY = "ministry", _("Ministry")
    EU_BODY = "eu_body", _("European Union body")
    INTERNATIONAL = "international", _("International organisation")
    COOPERATION = "cooperation", _("Development cooperation")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    OTHER = "other", _("Other")


class ActorQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def visible_to(self, user):
        """What `user` may pick: the approved entries, and the entries they proposed themselves."""
        if not user.is_authenticated:
            return self.live()
        return self.filter(models.Q(live=True) | models.Q(proposed_by=user))


class Actor(DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind.choices, default=ActorKind.AGENCY)
    country = models.CharField(
        _("country"), max_length=100, help_text=_("Or « European Union », « International ».")
    )
    role = models.TextField(
        _("role"), help_text=_("What the institution does for returns and reintegration.")
    )
    contact_role = models.CharField(
        _("contact: institutional role"),
        max_length=200,
        blank=True,
        help_text=_("A function or a department (« Service de la réintégration »), never a person's name."),
    )
    contact_email = models.EmailField(
        _("contact: institutional e-mail"),
        blank=True,
        validators=[validate_institutional_email],
        help_text=_("The institution's functional mailbox; personal mailboxes are refused."),
    )
    contact_phone = models.CharField(
        _("contact: switchboard"),
        max_length=30,
        blank=True,
        validators=[validate_institutional_phone],
        help_text=_("The institution's switchboard in international form; mobile numbers are refused."),
    )
    website = models.URLField(_("website"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_actors",
        editable=False,
    )
    proposed_at = models.DateTimeField(_("proposed on"), auto_now_add=True)

    objects = ActorQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("acronym")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("country")]),
        FieldPanel("role"),
        MultiFieldPanel(
            [FieldPanel("contact_role"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Institutional contact"),
        ),
        FieldPanel("website"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("acronym"), index.SearchField("country")]

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actor register")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

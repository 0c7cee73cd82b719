from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from .routing import FastRoutingMixin


class HomePage(FastRoutingMixin, Page):
    """The public face of the programme: what it is, and where to start."""

    lead = models.CharField(_("lead"), max_length=300, blank=True)
    body = RichTextField(
        _("presentation"), blank=True, features=["h2", "h3", "bold", "italic", "ol", "ul", "link"]
    )
    call_to_action = models.CharField(_("call to action label"), max_length=80, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("body"),
        FieldPanel("call_to_action"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .landing import landing_actions

        context = super().get_context(request, *args, **kwargs)
        # A signed-in person is offered their work first (resume the course, the review area...).
        context["landing_actions"] = landing_actions(user=request.user, request=request)
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Identity of the site shown in the header, footer and printed documents."""

    # No default: modeltranslation treats a value equal to the default as missing.
    organisation_name = models.CharField(_("organisation name"), max_length=200)
    tagline = models.CharField(_("tagline"), max_length=250, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        default="#b4232a",
        validators=[
            RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # followed by six hexadecimal digits."))
        ],
        help_text=_("Hexadecimal colour, for example #b4232a."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("tagline"),
                FieldPanel("logo"),
                FieldPanel("primary_colour"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("address")],
            heading=_("Contact"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def for_request(cls, request):
        """Read through the cache (home.site_cache): every public page shows them.

        Only this read path is cached; `for_site`, used to change the settings, reads the database.
        """
        from wagtail.models import Site

        from .site_cache import cached, settings_key

        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = Site.find_for_request(request)
            if site is None:
                return super().for_request(request)
            instance = cached(settings_key(site.pk), lambda: cls.for_site(site))
            instance._request = request
            setattr(request, attr_name, instance)
        return getattr(request, attr_name)

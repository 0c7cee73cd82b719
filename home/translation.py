from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import HomePage, SiteSettings


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("lead", "body", "call_to_action")


@register(SiteSettings)
class SiteSettingsTR(TranslationOptions):
    fields = ("organisation_name", "tagline", "address")

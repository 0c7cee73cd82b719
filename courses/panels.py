from django.conf import settings
from django.utils.translation import get_language_info
from wagtail.admin.panels import Panel

from .translation_status import missing_translations


class TranslationStatusPanel(Panel):
    """Tells the editor which fields still lack their French or Arabic text."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/panels/translation_status.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            missing = missing_translations(self.instance) if self.instance.pk else []
            context["missing_by_language"] = [
                (get_language_info(code)["name_translated"], [m for m in missing if m.language == code])
                for code, _name in settings.LANGUAGES
                if any(m.language == code for m in missing)
            ]
            return context

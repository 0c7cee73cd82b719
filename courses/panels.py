from django.conf import settings
from wagtail.admin.panels import Panel

from home.field_languages import field_language_name, field_list

from .translation_status import translation_status


class TranslationStatusPanel(Panel):
    """Tells the editor which fields still lack their French or Arabic text (as of the last save),
    and which are written in no language: an empty page is never called complete."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/panels/translation_status.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["saved"] = bool(self.instance.pk)
            if not self.instance.pk:
                return context
            status = translation_status(self.instance)
            context["complete"] = status.complete
            context["empty"] = field_list(status.empty)
            context["missing_by_language"] = [
                (
                    field_language_name(language=code),
                    field_list(m.label for m in status.missing if m.language == code),
                )
                for code, _name in settings.LANGUAGES
                if any(m.language == code for m in status.missing)
            ]
            return context

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.choosers import PermissionGatedSnippetChooserViewSet

from .models import Question


class QuestionViewSet(SnippetViewSet):
    chooser_viewset_class = PermissionGatedSnippetChooserViewSet
    model = Question
    icon = "help"
    menu_label = _("Question bank")
    add_to_admin_menu = True
    menu_order = 215
    list_display = ["__str__", "kind", "competence"]
    list_filter = ["kind", "competence"]
    search_fields = ["stem"]


register_snippet(QuestionViewSet)


@hooks.register("after_create_page")
def start_satisfaction_surveys_from_the_template(request, page):
    from .models import QuestionnairePage
    from .models.questionnaires import QuestionnairePurpose
    from .survey_templates import add_default_satisfaction_items

    specific = page.specific
    if isinstance(specific, QuestionnairePage) and specific.purpose == QuestionnairePurpose.SATISFACTION:
        add_default_satisfaction_items(specific)

"""Admin wiring of the knowledge room (imported by courses/wagtail_hooks.py, which Wagtail loads)."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.choosers import PermissionGatedSnippetChooserViewSet
from home.roles import Role, has_role

from ..actors import proposals_to_approve
from .facts import facts_to_recheck
from .funding import due_for_recheck, proposals_to_check
from .models import FundingSource, GlossaryTerm


class FactsToRecheckPanel(Component):
    """On a trainer's dashboard: the lessons' facts past their re-check date, each linking to the
    lesson's editor, the funding register's entries past theirs and the trainees' proposals not yet
    approved (funding sources and actor register entries), each linking to its editor."""

    name = "facts_to_recheck"
    template_name = "courses/admin/facts_to_recheck.html"
    order = 60  # after the nudge board

    def __init__(self, facts, funding_sources, proposals, actor_proposals=()):
        self.facts = facts
        self.funding_sources = funding_sources
        self.proposals = proposals
        self.actor_proposals = actor_proposals

    def get_context_data(self, parent_context):
        return {
            "facts": self.facts,
            "funding_sources": self.funding_sources,
            "proposals": self.proposals,
            "actor_proposals": self.actor_proposals,
        }


@hooks.register("construct_homepage_panels")
def facts_to_recheck_panel(request, panels):
    if has_role(request.user, Role.TRAINER):
        today = timezone.localdate()
        panels.append(
            FactsToRecheckPanel(
                facts_to_recheck(today=today),
                list(due_for_recheck(today=today)),
                list(proposals_to_check().select_related("proposed_by")),
                list(proposals_to_approve().select_related("proposed_by")),
            )
        )


# The funding-source register --------------------------------------------------------------------


DUE = "due"


class FundingSourceFilterSet(WagtailFilterSet):
    # A choice, not a yes/no box: the admin's active-filter chip then reads "Re-check: Overdue"
    # in the editor's language (a boolean filter shows "True").
    due_for_recheck = django_filters.ChoiceFilter(
        label=_("Re-check"), choices=[(DUE, _("Overdue"))], method="filter_due", empty_label=_("Any")
    )

    class Meta:
        model = FundingSource
        fields = ["pipeline_status", "verification_status", "ote_role", "live"]

    def filter_due(self, queryset, name, value):
        if value != DUE:
            return queryset
        due = due_for_recheck(today=timezone.localdate())
        return queryset.filter(pk__in=due.values("pk"))


class FundingSourceViewSet(SnippetViewSet):
    chooser_viewset_class = PermissionGatedSnippetChooserViewSet
    model = FundingSource
    icon = "form"
    menu_label = gettext_lazy("Funding sources")
    add_to_admin_menu = True
    menu_order = 260
    list_display = [
        "name",
        "country_or_agency",
        "ote_role",
        "pipeline_status",
        "verification_status",
        "recheck_by",
    ]
    filterset_class = FundingSourceFilterSet
    search_fields = ["name", "country_or_agency", "funds"]


register_snippet(FundingSourceViewSet)


class GlossaryTermViewSet(SnippetViewSet):
    chooser_viewset_class = PermissionGatedSnippetChooserViewSet
    model = GlossaryTerm
    icon = "list-ul"
    menu_label = gettext_lazy("Glossary")
    add_to_admin_menu = True
    menu_order = 270
    list_display = ["term", "section", "note"]
    search_fields = ["term", "definition"]


register_snippet(GlossaryTermViewSet)

from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

import home.converters  # noqa: F401  (registers <id:...>)
from home.admin_menu import TrainerMenuItem
from home.choosers import PermissionGatedSnippetChooserViewSet
from home.field_languages import field_language_name, field_list

from .knowledge import wagtail_hooks as knowledge_hooks  # noqa: F401  (the knowledge room's admin)
from .models import Actor, Cohort, Competence, Domain, LessonPage, WorksheetTemplate
from .outline import place_new_lesson
from .translation_status import missing_translations
from .views_admin import CohortProgressView, TranslationGapsView, cohort_list


class DomainViewSet(SnippetViewSet):
    chooser_viewset_class = PermissionGatedSnippetChooserViewSet
    model = Domain
    icon = "folder-open-inverse"
    list_display = ["name", "key"]


class CompetenceViewSet(SnippetViewSet):
    chooser_viewset_class = PermissionGatedSnippetChooserViewSet
    model = Competence
    icon = "tick-inverse"
    list_display = ["key", "name", "domain"]
    list_filter = ["domain"]
    search_fields = ["name", "description"]


class CompetenceFrameworkGroup(SnippetViewSetGroup):
    items = (DomainViewSet, CompetenceViewSet)
    menu_icon = "tick-inverse"
    menu_label = gettext_lazy("Competences")
    menu_name = "competences"


class CohortViewSet(SnippetViewSet):
    chooser_viewset_class = PermissionGatedSnippetChooserViewSet
    model = Cohort
    icon = "group"
    menu_label = gettext_lazy("Cohorts")
    list_display = ["name", "start_date", "end_date"]
    add_to_admin_menu = True
    menu_order = 210


class ActorViewSet(SnippetViewSet):
    """The shared actor register: trainees' proposals arrive as drafts; publishing approves them."""

    chooser_viewset_class = PermissionGatedSnippetChooserViewSet
    model = Actor
    icon = "site"
    list_display = ["name", "acronym", "country", "kind", "proposed_by", LiveStatusTagColumn()]
    list_filter = ["live", "kind"]
    search_fields = ["name", "acronym", "country"]


class WorksheetTemplateViewSet(SnippetViewSet):
    chooser_viewset_class = PermissionGatedSnippetChooserViewSet
    model = WorksheetTemplate
    icon = "form"
    list_display = ["title", "slug", LiveStatusTagColumn()]


class PracticeGroup(SnippetViewSetGroup):
    items = (ActorViewSet, WorksheetTemplateViewSet)
    menu_icon = "form"
    menu_label = gettext_lazy("Actors and worksheets")
    menu_name = "practice"
    menu_order = 215


register_snippet(CompetenceFrameworkGroup)
register_snippet(CohortViewSet)
register_snippet(PracticeGroup)


@hooks.register("register_admin_urls")
def translation_gaps_urls():
    return [path("translation-gaps/", TranslationGapsView.as_view(), name="translation_gaps")]


@hooks.register("register_admin_urls")
def progress_urls():
    return [
        path("progress/", cohort_list, name="courses_progress_cohorts"),
        path("progress/<id:cohort_id>/", CohortProgressView.as_view(), name="courses_progress"),
    ]


@hooks.register("register_admin_menu_item")
def progress_menu_item():
    return TrainerMenuItem(
        gettext_lazy("Trainee progress"), reverse("courses_progress_cohorts"), icon_name="table", order=220
    )


@hooks.register("register_reports_menu_item")
def translation_gaps_menu_item():
    return MenuItem(
        gettext_lazy("Missing translations"),
        reverse("translation_gaps"),
        icon_name="warning",
        order=700,
    )


def _missing_fields(instance) -> str:
    return field_list(
        f"{m.label} ({field_language_name(language=m.language)})" for m in missing_translations(instance)
    )


@hooks.register("after_publish_page")
def warn_when_published_half_translated(request, page):
    fields = _missing_fields(page.specific)
    if fields:
        messages.warning(request, _("Published with missing translations: %(fields)s") % {"fields": fields})


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def warn_when_a_snippet_is_saved_half_translated(request, instance):
    """Questions (and their choices), competences, domains...: saved all the same, with a warning;
    the "Missing translations" report lists them until they are complete."""
    fields = _missing_fields(instance)
    if fields:
        messages.warning(
            request,
            _(
                "Saved with missing translations: %(fields)s. "
                "It is listed in the “Missing translations” report."
            )
            % {"fields": fields},
        )


@hooks.register("after_create_page")
def place_a_new_lesson_before_the_final_test(request, page):
    if isinstance(page.specific, LessonPage):
        place_new_lesson(lesson=page.specific)


@hooks.register("before_serve_document")
def documents_of_a_course_need_its_enrolment(document, request):
    """Wagtail's serve view (WAGTAILDOCS_SERVE_METHOD = "serve_view") asks this hook first: a
    document used only where the visitor may not go is refused (log-in page, or 403)."""
    from django.contrib.auth.views import redirect_to_login
    from django.core.exceptions import PermissionDenied

    from .access import may_read_document

    if may_read_document(document=document, request=request):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied

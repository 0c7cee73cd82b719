from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.routing import KnownViewRestrictionsMixin

from ..blocks import LessonBodyBlock
from ..panels import TranslationStatusPanel
from ..search import FOLDED_SEARCH_FIELDS, FoldedSearchMixin
from ..steps import CourseStepMixin, register_step_type, step_models

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class CourseIndexPage(Page):
    """The catalogue: every published course."""

    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), TranslationStatusPanel()]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        from ..dashboard import catalogue_entries

        context = super().get_context(request, *args, **kwargs)
        context["entries"] = catalogue_entries(index_page=self, user=request.user)
        return context


class CoursePage(KnownViewRestrictionsMixin, FoldedSearchMixin, Page):
    """A course: its presentation, and the outline of its modules and steps."""

    # The admin explorer lists the children in course order (the tree's), not by last edit.
    admin_default_ordering = "ord"

    summary = models.TextField(_("summary"), blank=True)
    objectives = RichTextField(_("learning objectives"), blank=True, features=RICH_TEXT_FEATURES)
    audience = models.CharField(_("audience"), max_length=255, blank=True)
    duration_hours = models.PositiveSmallIntegerField(_("duration (hours)"), null=True, blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    competences = ParentalManyToManyField(
        "courses.Competence", verbose_name=_("targeted competences"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("objectives"),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("duration_hours"), FieldPanel("cover_image")],
            heading=_("Practical information"),
        ),
        FieldPanel("competences"),
        TranslationStatusPanel(),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), *FOLDED_SEARCH_FIELDS]
    folded_fields = ("title", "summary", "objectives", "audience")
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def get_context(self, request, *args, **kwargs):
        from ..dashboard import course_overview

        context = super().get_context(request, *args, **kwargs)
        context.update(course_overview(course=self, user=request.user, request=request))
        return context


class ModulePage(KnownViewRestrictionsMixin, FoldedSearchMixin, Page):
    """A module groups the steps of a course; its live children of a step type are its steps."""

    # The admin explorer lists the children in course order (the tree's), not by last edit.
    admin_default_ordering = "ord"

    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), TranslationStatusPanel()]
    search_fields = [*Page.search_fields, *FOLDED_SEARCH_FIELDS]
    folded_fields = ("title", "introduction")
    parent_page_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    @classmethod
    def allowed_subpage_models(cls):
        return [model for model in step_models() if cls in model.allowed_parent_page_models()]

    def serve(self, request, *args, **kwargs):
        # A module has no page of its own: its place is in the course outline.
        course = self.get_parent()
        return redirect(course.get_url(request) + f"#module-{self.pk}")


@register_step_type
class LessonPage(FoldedSearchMixin, CourseStepMixin, RoutablePageMixin, Page):
    """A lesson: a body of blocks, read, then marked as complete."""

    step_abbreviation = pgettext_lazy("abbreviation of lesson in a column heading", "L")

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        TranslationStatusPanel(),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        *FOLDED_SEARCH_FIELDS,
    ]
    folded_fields = ("title", "summary", "body")

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    @path("")
    def lesson(self, request, *, step_context):
        """The lesson being opened: recorded as a visit (`open_step`, written when that changes
        something), with the outline, the step navigation and the rendered body."""
        from ..dashboard import step_navigation
        from ..knowledge.facts import may_see_unverified_facts
        from ..reflections import reflections
        from ..rendering import rendered_body
        from ..trainer_links import trainer_links

        body = rendered_body(self.body, show_unverified=may_see_unverified_facts(user=request.user))
        context = {
            **step_navigation(context=step_context, request=request, visit=True),
            "body_html": body.html,
            "reading_minutes": body.reading_minutes,
            "reflections": reflections(request=request, page=self),
            "trainer_links": trainer_links(request=request, page=self),
        }
        return self.render(request, context_overrides=context)

    @path("complete/")
    def complete(self, request, *, step_context):
        from ..views import complete_step

        return complete_step(request, context=step_context)

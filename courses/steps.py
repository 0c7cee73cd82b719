"""Course steps: the pages a trainee works through inside a module.

`courses` knows lessons only. Another app adds a step type (a quiz, say) by mixing
`CourseStepMixin` into its page model and decorating it with `@register_step_type`; module pages
then accept it as a child and progress counts it, without `courses` importing that app.
"""

from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.template.response import TemplateResponse
from django.utils.translation import pgettext_lazy
from wagtail.models import Page

from home.routing import KnownViewRestrictionsMixin

_step_models: list[type[Page]] = []


def register_step_type(model: type[Page]) -> type[Page]:
    if model not in _step_models:
        _step_models.append(model)
    return model


def step_models() -> list[type[Page]]:
    return list(_step_models)


def step_content_type_ids() -> list[int]:
    content_types = ContentType.objects.get_for_models(*_step_models, for_concrete_models=False)
    return [content_type.pk for content_type in content_types.values()]


class CourseStepMixin(KnownViewRestrictionsMixin):
    """Page behaviour shared by every step: only enrolled people (and staff roles) may open it."""

    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []
    step_kind_label = ""
    # The letter of the kind in the progress matrix's short column headings ("M1·L2").
    step_abbreviation = pgettext_lazy("abbreviation of a step in a column heading", "S")

    def serve(self, request, view=None, args=None, kwargs=None):
        """Check access, then serve the route (`RoutablePageMixin`) with the step's context
        (`courses.access.StepContext`) as the keyword argument `step_context`."""
        from .access import read_step_context

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        context = read_step_context(step=self, user=request.user)
        if context is None or not context.may_open:
            course = context.course if context is not None else None
            return TemplateResponse(
                request, "courses/not_enrolled.html", {"page": self, "course": course}, status=403
            )
        if view is None:
            view, args, kwargs = self.resolve_subpage("/")
        return view(request, *(args or ()), step_context=context, **(kwargs or {}))

    def serve_preview(self, request, mode_name):
        # An editor's preview goes through the same checks and context as a visit.
        return self.serve(request)

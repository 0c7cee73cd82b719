"""The admin's choosers list content only to people who may work on it.

Wagtail opens its page chooser and every snippet chooser to anyone who may enter the admin; the
OTE approver, who enters only to approve the training plan, could list every page title (drafts
included) and the whole question bank through them. Here a page chooser needs a page permission
and a snippet chooser a permission on its model; the plan's edit form and its approval do not use
a chooser, so the approver keeps what approving needs.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext, gettext_noop
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.widgets import AdminSnippetChooser
from wagtail.utils.urlpatterns import decorate_urlpatterns

PAGE_ACTIONS = ["add", "change", "publish", "bulk_delete", "lock", "unlock"]
MODEL_ACTIONS = ["add", "change", "delete", "view"]


def may_browse_pages(*, user) -> bool:
    """Whether `user` holds a permission on some page of the tree (superusers hold them all)."""
    return PagePermissionPolicy().user_has_any_permission(user, PAGE_ACTIONS)


def may_choose_instances(*, user, model) -> bool:
    """Whether `user` may add, change, delete or view instances of `model`."""
    return ModelPermissionPolicy(model).user_has_any_permission(user, MODEL_ACTIONS)


def _object_text(text: str, name) -> str:
    return gettext(text) % {"object": name}


_lazy_object_text = lazy(_object_text, str)


class SnippetChooser(AdminSnippetChooser):
    """Wagtail's snippet chooser widget, whose button texts ("Choose a question", "Edit") are
    formed once, in the language of the first request, and reused for every reader: here they are
    formed in the reader's language, and in wording that needs no grammatical gender."""

    def __init__(self, model, **kwargs):
        super().__init__(model, **kwargs)
        name = model._meta.verbose_name
        self.choose_one_text = _lazy_object_text(gettext_noop("Choose: %(object)s"), name)
        self.choose_another_text = _lazy_object_text(gettext_noop("Choose another: %(object)s"), name)
        self.link_to_chosen_text = _lazy_object_text(gettext_noop("Edit: %(object)s"), name)


class PermissionGatedSnippetChooserViewSet(SnippetChooserViewSet):
    """Wagtail's snippet chooser (list, search, chosen, create), refused with a 403 to those who
    hold no permission on the snippet's model."""

    def get_urlpatterns(self):
        model = self.model

        def gate(view):
            @wraps(view)
            def gated(request, *args, **kwargs):
                if not may_choose_instances(user=request.user, model=model):
                    raise PermissionDenied
                return view(request, *args, **kwargs)

            return gated

        return decorate_urlpatterns(super().get_urlpatterns(), gate)

    @cached_property
    def widget_class(self):
        return SnippetChooser(model=self.model, icon=self.icon)

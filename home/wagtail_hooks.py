from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def arabic_fields_right_to_left():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("construct_page_chooser_queryset")
def page_chooser_needs_a_page_permission(pages, request):
    """The page chooser (browse and search) answers 403 to those who hold no page permission:
    raised here, before the chooser shows even the title of the page it was asked to open."""
    from django.core.exceptions import PermissionDenied

    from .choosers import may_browse_pages

    if not may_browse_pages(user=request.user):
        raise PermissionDenied
    return pages

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


def _refuse_incomplete_page_form(request, page_class):
    """A page form posted without one of its StreamFields (a truncated or forged request) makes
    Wagtail's form raise a KeyError (an error page): refuse it with a message, saving nothing."""
    if request.method != "POST":
        return None
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.utils.translation import gettext as _
    from wagtail.blocks import BlockField

    form_class = page_class.get_edit_handler().get_form_class()
    missing = [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, BlockField) and f"{name}-count" not in request.POST
    ]
    if not missing:
        return None
    messages.error(
        request, _("The form arrived incomplete: nothing was saved. Reload the page and try again.")
    )
    return redirect(request.get_full_path())


@hooks.register("before_edit_page")
def page_edits_need_every_field(request, page):
    return _refuse_incomplete_page_form(request, page.specific_class)


@hooks.register("before_create_page")
def new_pages_need_every_field(request, parent_page, page_class):
    return _refuse_incomplete_page_form(request, page_class)


@hooks.register("insert_editor_js")
def field_languages_in_the_editor():
    """Our language toggles and field directions (static/js/admin-languages.js); see
    home/field_languages.py for the labels and input attributes."""
    from django.conf import settings
    from django.utils.html import json_script
    from django.utils.translation import get_language_info
    from django.utils.translation import gettext as _

    from .field_languages import language_attrs

    config = {
        "heading": _("Languages shown:"),
        "languages": [
            {
                "code": code,
                "name": str(get_language_info(code)["name_translated"]),
                "dir": language_attrs(language=code)["dir"],
            }
            for code, _name in settings.LANGUAGES
        ],
    }
    return json_script(config, "admin-languages-config") + format_html(
        '<script src="{}"></script>', static("js/admin-languages.js")
    )

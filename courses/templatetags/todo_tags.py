"""The dashboard's "to do" list, rendered in Python: one line per item, and a trainee may have a
dozen or more (each assignment of each course until it is handed in)."""

from collections.abc import Sequence

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.timezone import localtime
from django.utils.translation import gettext

from ..todo import TodoItem

register = template.Library()

ITEM = '<li class="list-group-item"><a href="{}">{}</a>{}</li>'
DUE = '<br><span class="small text-body-secondary">{}</span>'


def _due(item: TodoItem) -> SafeString | str:
    if item.due is None:
        return ""
    day = date_format(localtime(item.due), "DATE_FORMAT")
    return format_html(DUE, gettext("Before %(date)s") % {"date": day})


@register.simple_tag
def todo_list(items: Sequence[TodoItem]) -> SafeString:
    """The items as list items: the title as a link, and the date before which it is due."""
    return format_html_join("", ITEM, ((item.url, item.title, _due(item)) for item in items))

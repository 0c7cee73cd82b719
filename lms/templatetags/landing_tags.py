from django import template

from lms.landing import lands_on_dashboard as _lands_on_dashboard

register = template.Library()


@register.filter
def lands_on_dashboard(user) -> bool:
    """Whether "My learning path" is this person's work (no query: the roles are read once)."""
    return user.is_authenticated and _lands_on_dashboard(user=user)

"""The privacy notice's paragraph on how long a sign-in lasts, from home/sessions.py itself."""

from django import template

from home.sessions import SESSION_POLICIES, describe

register = template.Library()


@register.inclusion_tag("includes/session_lifetimes.html")
def session_lifetimes() -> dict:
    return {"lines": [describe(policy=policy) for policy in SESSION_POLICIES]}

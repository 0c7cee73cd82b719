"""The "bare" page the lesson is compared with: the floor a Wagtail page of this site can reach.

It is the same lesson, reached the way Wagtail's `serve` view reaches it (same middleware, session,
routing, view restrictions and other serve hooks), rendered the way a plain `Page.serve` renders a page
(`Page.get_context` and one template) in the same base layout, with the same title, summary and
StreamField body. What it leaves out is what makes a lesson a course step: the enrolment check,
recording the visit, the course outline with the trainee's progress, the step navigation, the
reading time and the completion form.
"""

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from wagtail import hooks
from wagtail.models import Page

TEMPLATE = "bench/bare_page.html"


def serve_bare(page, request, args, kwargs):
    return TemplateResponse(request, TEMPLATE, Page.get_context(page, request))


def bare_page(request, page_path: str):
    """`wagtail.views.serve`, with `serve_bare` in place of the page's own `serve`."""
    route_result = Page.route_for_request(request, page_path)
    if route_result is None:
        raise Http404
    page, args, kwargs = route_result
    chain = serve_bare
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        chain = hook(chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)

"""One-query page routing for the site root.

Wagtail walks the tree one level at a time (two queries per level), which makes a lesson five
levels deep cost ten queries before any work. The site root instead finds the deepest page whose
translated URL path matches the request in one query, then lets that page route what remains (so
sub-routes of routable pages keep working). Results are the same as Wagtail's own routing.

An address routed once is remembered as a hint (`RouteHint`: which page, of which type, took how
much of it) under the content version, which every saved page replaces (home.site_cache), and the
page read whole is kept in the page-tree cache. The next request for the address asks the database,
in one query of a single value, whether the page still has that address and is live, whether every
page above it is live and whether a view restriction or an alias is set on its branch; the page's
content then comes from the cache. Whether a page may be served never comes from a cache, only
which page to ask about and its content. A hint the database does not confirm is dropped for the
full routing.
"""

import copy
from dataclasses import dataclass

from django.apps import apps
from django.db.models import BooleanField, Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpResponse
from wagtail.models import Page

from .languages import current_language, localized
from .site_cache import keep_from_page_tree, keep_page_in_page_tree, pages_from_page_tree, read_from_page_tree


@dataclass(frozen=True)
class RouteHint:
    """Where an address led at this content version: the page, its model, its tree path and
    address, and how many of the address's components its own address takes (the rest is its
    sub-route)."""

    page_id: int
    model: str  # "app_label.modelname"
    path: str
    url_path: str
    consumed: int


def _route_hint_name(*, root: Page, field: str, path_components: list[str]) -> str:
    return f"home:route:{root.pk}:{field}:{'/'.join(path_components)}"


def _page_from_hint(hint: RouteHint, *, root: Page, field: str) -> Page | None:
    """The hinted page, or None when the database does not confirm the hint: the page moved, has
    another address or is not live, or, on its branch (the pages above it, the root and the root's
    own ancestors included), a page between it and the root is not live, or a page is an alias or
    has a view restriction (the full routing then reads the branch as Wagtail does).

    The database answers all of that in one query of a single value; the page itself, its content,
    comes from the page-tree cache (`pages_from_page_tree`), as a copy this request may annotate."""
    from wagtail.models import PageViewRestriction

    if not hint.path.startswith(root.path) or len(hint.path) <= len(root.path):
        return None
    # Ancestors are prefixes of the page's tree path: no query needed to know them.
    above = [hint.path[:end] for end in range(Page.steplen, len(hint.path), Page.steplen)]
    between = [path for path in above if len(path) > len(root.path)]
    branch = [*above, hint.path]
    pages, restrictions = Page._meta.db_table, PageViewRestriction._meta.db_table
    # Plain SQL: the same subqueries through the ORM cost more to build than the query takes.
    elsewhere = RawSQL(
        f"EXISTS (SELECT 1 FROM {pages} b WHERE (b.path IN ({_marks(between)}) AND NOT b.live)"
        f" OR (b.path IN ({_marks(branch)}) AND b.alias_of_id IS NOT NULL))"
        f" OR EXISTS (SELECT 1 FROM {restrictions} r INNER JOIN {pages} b ON r.page_id = b.id"
        f" WHERE b.path IN ({_marks(branch)}))",
        [*between, *branch, *branch],
        output_field=BooleanField(),
    )
    confirmed = list(
        Page.objects.filter(pk=hint.page_id, path=hint.path, live=True, **{field: hint.url_path})
        .annotate(route_elsewhere=elsewhere)
        .values_list("route_elsewhere", flat=True)
    )
    if confirmed != [False]:
        return None
    page = pages_from_page_tree(apps.get_model(hint.model), [hint.page_id]).get(hint.page_id)
    if page is None:
        return None
    page = copy.copy(page)  # the cached instance is shared by the process's requests
    page.view_restrictions_read = ()  # read in this query: none on the branch
    return page


def _marks(values: list) -> str:
    return ", ".join(["%s"] * len(values)) or "NULL"


class FastRoutingMixin:
    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        from wagtail.models import PageViewRestriction

        field = localized("url_path", current_language())
        hint_name = _route_hint_name(root=self, field=field, path_components=path_components)
        hint = read_from_page_tree(hint_name)
        if hint is not None:
            page = _page_from_hint(hint, root=self, field=field)
            if page is not None:
                return page.route(request, path_components[hint.consumed :])
        prefixes = {
            self.url_path + "/".join(path_components[:length]) + "/": length
            for length in range(1, len(path_components) + 1)
        }
        # The pages the address goes through below this root, and this root with the pages above
        # it, each with whether a view restriction is set on it: the restrictions of the page
        # served are known from the same query when none is set anywhere on its branch.
        # Only what finding the page needs: a page row has some forty columns (three languages of
        # every translated field), and building each of them cost more than the query; the page
        # served is read whole by `.specific` below.
        below = Q(path__startswith=self.path, depth__gt=self.depth, **{f"{field}__in": list(prefixes)})
        above = Q(path__in=[self.path[:end] for end in range(Page.steplen, len(self.path) + 1, Page.steplen)])
        rows = list(
            Page.objects.filter(below | above)
            .annotate(restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
            .order_by("-depth")
            .only("id", "path", "depth", "live", "content_type", "alias_of", field)
        )
        chain = [page for page in rows if page.depth > self.depth]
        if not chain or not all(page.live for page in chain):
            # Wagtail serves a live page under an unpublished parent; here a page is reachable only
            # when every page its address goes through is live (`on_live_branches` says the same).
            raise Http404
        deepest = chain[0]
        consumed = prefixes[getattr(deepest, field)]
        page = deepest.specific
        if any(row.restricted or row.alias_of_id for row in rows):
            # A view restriction or an alias on the branch: read when served, and no hint kept.
            return page.route(request, path_components[consumed:])
        keep_page_in_page_tree(page)
        page.view_restrictions_read = ()  # read above, in this request: none on the branch
        keep_from_page_tree(
            hint_name,
            RouteHint(
                page_id=page.pk,
                model=page._meta.label_lower,
                path=page.path,
                url_path=getattr(deepest, field),
                consumed=consumed,
            ),
        )
        return page.route(request, path_components[consumed:])


class KnownViewRestrictionsMixin:
    """A page whose view restrictions the routing may already have read (`FastRoutingMixin`: none
    on its branch); otherwise read in one query (`view_restrictions_of`)."""

    def get_view_restrictions(self):
        known = getattr(self, "view_restrictions_read", None)
        return list(known) if known is not None else view_restrictions_of(self)


def ancestor_paths(page: Page) -> list[str]:
    """The tree paths of `page`'s ancestors below the tree root (depth 1), nearest last."""
    return [page.path[:end] for end in range(2 * Page.steplen, len(page.path), Page.steplen)]


def on_live_branches(pages: list[Page]) -> list[Page]:
    """The pages of `pages` whose ancestors are all live (one query), in the same order: the rule
    the routing applies, for lists of pages found another way (search, say)."""
    paths = {path for page in pages for path in ancestor_paths(page)}
    hidden = set(Page.objects.filter(path__in=paths, live=False).values_list("path", flat=True))
    if not hidden:
        return list(pages)
    return [page for page in pages if hidden.isdisjoint(ancestor_paths(page))]


def view_restrictions_of(page: Page):
    """Wagtail's `Page.get_view_restrictions` in one query instead of two.

    The restrictions of the page and of its ancestors, an alias being replaced by its source as
    Wagtail does; the ancestors' paths are prefixes of the page's own path, so they need no query.
    """
    from wagtail.models import PageViewRestriction

    paths = [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    chain = Page.objects.filter(path__in=paths)
    return PageViewRestriction.objects.filter(
        Q(page__in=chain.filter(alias_of__isnull=True).values("pk"))
        | Q(page__in=chain.filter(alias_of__isnull=False).values("alias_of"))
    )


def serve(request, path: str):
    """Wagtail's `wagtail.views.serve` (same hooks, same order), routing from the site root as read
    by the site's own query: Wagtail reads the root's specific row (a query) before routing any
    address, where `FastRoutingMixin.route` needs only its path and address, which the site's query
    already holds. The root's specific row is read only when the root itself is asked for.
    Installed in place of Wagtail's view in lms/urls.py; see docs/upgrade-checklist.md."""
    from wagtail import hooks
    from wagtail.models import Site
    from wagtail.views import serve_chain

    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [component for component in path.split("/") if component]
    root = site.root_page.specific_deferred if components else site.root_page.specific
    page, args, kwargs = root.route(request, components)

    on_serve_chain = serve_chain
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = hook(on_serve_chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, args, kwargs)

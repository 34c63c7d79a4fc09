"""From a reader's address to its page in one indexed lookup.

Wagtail walks the tree a segment at a time: the site's root in the request's
language, then for each segment a child by slug and its specific row, so a
story two levels down cost six queries. Every page already stores its whole
address (``url_path``, kept by Wagtail on every move and slug change; indexed by
``core/0003``), so the page is one lookup away, and its specific row (with its
section and main picture) one more. What Wagtail does after routing (its
``before_serve_page`` / ``on_serve_page`` hooks: view restrictions, the
``live`` check, our expiry rule in ``ArticlePage.route``) runs unchanged: this
view only answers the routing question and hands the rest to Wagtail's serve.
An address the lookup does not find goes Wagtail's whole way, so a page type
with routes of its own would still be reached.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Subquery, Value
from django.db.models.functions import Concat
from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from .models import ArticlePage


def serve(request, path: str):
    """Wagtail's page view, with the route found in one lookup where it can be."""
    if not hasattr(request, "_wagtail_route_for_request"):
        page = page_at(request, path)
        if page is not None:
            try:
                # The page's own route with nothing left to walk: its live and
                # expiry checks, and what Wagtail caches on the request.
                request._wagtail_route_for_request = page.route(request, [])
            except Http404:
                request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)


def page_at(request, path: str) -> Page | None:
    """The specific page at ``path`` (below the language's home) on the request's
    site, or None when no page has that address (live or not: the caller's
    route decides what a reader may see)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    home_path = Page.objects.filter(
        translation_key=site.root_page.translation_key,
        locale__language_code=translation.get_language(),
    ).values("url_path")[:1]
    found = (
        Page.objects.filter(url_path=Concat(Subquery(home_path), Value(path)))
        .values_list("pk", "content_type_id")
        .first()
    )
    if found is None:
        return None
    pk, content_type_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:  # a page type whose code has gone
        return None
    pages = model._default_manager.all()
    if issubclass(model, ArticlePage):
        # The story page shows its section and main picture: read with it.
        pages = pages.select_related("section_page", "main_image")
    return pages.filter(pk=pk).first()

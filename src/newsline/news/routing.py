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
from wagtail.models import Page

from newsline.core import outlet
from newsline.core.prepared import PreparedIds, PreparedObjects

from .models import ArticlePage


def _page_at(*, root, language, path):
    home = Page.objects.filter(
        translation_key=Page.objects.filter(pk=root).values("translation_key")[:1],
        locale__language_code=language,
    )
    address = Concat(Subquery(home.values("url_path")[:1]), Value(path))
    return Page.objects.filter(url_path=address).values("pk", "content_type_id")[:1]


_PAGE_AT = PreparedIds(_page_at, ids=("root",), texts=("language", "path"))


def _specific_page(*, model, pk):
    pages = model._default_manager.filter(pk=pk)
    if issubclass(model, ArticlePage):
        # The story page shows its section and main picture: read with it.
        pages = pages.select_related("section_page", "main_image")
    return pages


_SPECIFIC_PAGE = PreparedObjects(_specific_page, ids=("pk",))


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
    site = outlet.site_for(request)
    if site is None:
        return None
    found = _PAGE_AT.rows(root=site.root_page_id, language=translation.get_language(), path=path)
    if not found:
        return None
    pk, content_type_id = found[0]
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:  # a page type whose code has gone
        return None
    found = _SPECIFIC_PAGE(model=model, pk=pk)
    return found[0] if found else None

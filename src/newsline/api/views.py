"""The ninjs export: one story, or the newest stories, as IPTC ninjs 2.2 JSON.

Served as ``application/json``: IANA has no registered media type for ninjs.
Errors have the API's shape, ``{"message": "..."}``.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_safe
from wagtail.api.v2.utils import BadRequestError

from newsline.core import outlet, surrogate

from . import links, ninjs, queries
from .filters import requested_locale, requested_sections, requested_since

FEED_PARAMETERS = frozenset(["language", "locale", "section", "published_since"])


def _json(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


@require_safe
def ninjs_item(request, pk: int):
    """The ninjs document of a published story; 404 for anything a reader may not see."""
    surrogate.tag(request, surrogate.API)
    story = queries.published_story(pk)
    if story is None:
        return _json({"message": "not found"}, status=404)
    return _json(
        ninjs.story_item(story, base=links.base_url(request), outlet_name=outlet.name(request))
    )


@require_safe
def ninjs_feed(request):
    """``{"items": [...]}``: the newest published stories (at most 50), newest first,
    optionally of one language, one section and published since a moment."""
    surrogate.tag(request, surrogate.API)
    try:
        unknown = set(request.GET) - FEED_PARAMETERS
        if unknown:
            raise BadRequestError(f"unknown query parameter: {', '.join(sorted(unknown))}")
        rows = queries.ninjs_rows(
            locale=requested_locale(request),
            sections=requested_sections(request),
            since=requested_since(request),
        )
    except BadRequestError as exc:
        return _json({"message": str(exc)}, status=400)
    base = links.base_url(request)
    items = ninjs.story_items(rows, base=base, outlet_name=outlet.name(request))
    return _json({"items": items})

"""The API's offset pagination, bounded in depth and in what it counts.

At a million stories an offset read every row above it (1.4 s at offset
300,000) and the total counted every published story of a language (1.2 s), on
every anonymous request: a listing's cost now stays within a few milliseconds
whatever the archive's size (docs/api.md, "Paging").
"""

from collections import OrderedDict

from django.conf import settings
from rest_framework.response import Response
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

MAX_OFFSET = 10_000
"""The deepest a listing may be paged by offset; older stories are reached by
time (``order=published_at`` with ``published_since``), which reads an index."""
COUNTED_AT_MOST = 1_000
"""``total_count`` counts up to this many, then says so (``total_count_capped``)."""


class BoundedPagination(WagtailPagination):
    """Wagtail's ``limit`` / ``offset`` paging and ``total_count``, with an offset
    past ``MAX_OFFSET`` refused as a 400 naming the bound, and the count stopping
    at ``COUNTED_AT_MOST``."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = _whole_number(request, "offset", 0)
        if offset > MAX_OFFSET:
            raise BadRequestError(
                f"offset must be at most {MAX_OFFSET}; to reach older stories, "
                "use order=published_at with published_since"
            )
        limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
        limit = _whole_number(request, "limit", min(20, limit_max) if limit_max else 20)
        if limit_max and limit > limit_max:
            raise BadRequestError(f"limit cannot be higher than {limit_max}")
        self.view = view
        # A count of a slice in the listing's own order, so that the index the
        # listing reads serves the count too: at most one more row than is counted
        # is read (unordered, a date filter read every story from the oldest id).
        head = queryset[: COUNTED_AT_MOST + 1]
        counted = len(head) if isinstance(head, list) else head.count()
        self.total_count = min(counted, COUNTED_AT_MOST)
        self.total_count_capped = counted > COUNTED_AT_MOST
        return queryset[offset : offset + limit]

    def get_paginated_response(self, data):
        meta = OrderedDict(
            [("total_count", self.total_count), ("total_count_capped", self.total_count_capped)]
        )
        return Response(OrderedDict([("meta", meta), ("items", data)]))


def _whole_number(request, name: str, default: int) -> int:
    """The query parameter ``name`` as a whole number (Wagtail's messages; a
    5,000-digit number is refused too, not a server error)."""
    try:
        value = int(request.GET.get(name, default))
    except ValueError as exc:
        raise BadRequestError(f"{name} must be a positive integer") from exc
    if value < 0:
        raise BadRequestError(f"{name} must be a positive integer")
    return value

"""The API's offset pagination, bounded."""

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

from newsline.core.pagination import MAX_OFFSET


class BoundedPagination(WagtailPagination):
    """Wagtail's ``limit`` / ``offset`` paging, with an offset past any real list
    refused as a 400 naming the bound (a 64-bit one overflowed the query: 500)."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            offset = int(request.GET.get("offset", 0))
        except ValueError as exc:  # Wagtail's own message; a 5,000-digit number too
            raise BadRequestError("offset must be a positive integer") from exc
        if offset > MAX_OFFSET:
            raise BadRequestError(f"offset must be at most {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)

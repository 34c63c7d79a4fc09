"""Keyset ("seek") pagination over newest-first lists.

OFFSET pagination costs more the deeper a reader goes; a keyset cursor names the
last item seen, so every page is one index range scan whatever its depth.
"""

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Q, QuerySet

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# The deepest OFFSET any list (API, sitemap files) may ask for: far past any real
# list, and well inside a 64-bit SQL integer once a page's size is added (an
# offset of 2**63 overflowed the query and answered 500).
MAX_OFFSET = 2**31 - 1
_MICROSECOND = timedelta(microseconds=1)


class InvalidCursor(ValueError):
    """The cursor in the URL was not one we issued."""


@dataclass(frozen=True)
class Cursor:
    moment: datetime
    pk: int

    def encode(self) -> str:
        # Whole microseconds, not a float, so the cursor matches the stored value exactly.
        raw = f"{(self.moment - _EPOCH) // _MICROSECOND}:{self.pk}"
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> "Cursor":
        try:
            padded = token + "=" * (-len(token) % 4)
            stamp, pk = base64.urlsafe_b64decode(padded.encode()).decode().split(":")
            moment = _EPOCH + int(stamp) * _MICROSECOND
            cursor = cls(moment=moment, pk=int(pk))
        except (ValueError, binascii.Error, UnicodeDecodeError, OverflowError, OSError) as exc:
            raise InvalidCursor(token) from exc
        if cursor.pk <= 0:
            raise InvalidCursor(token)
        return cursor


@dataclass(frozen=True)
class KeysetPage:
    items: list
    next_cursor: str | None


def older_than(moment: datetime, pk: int, field: str = "published_at") -> Q:
    """Rows strictly before ``(moment, pk)`` in newest-first order.

    The leading ``<=`` adds nothing logically; it gives the database a range on
    the date index, without which PostgreSQL reads every newer row before it
    reaches a deep page (docs/scale.md)."""
    before = Q(**{f"{field}__lt": moment}) | Q(**{field: moment, "pk__lt": pk})
    return Q(**{f"{field}__lte": moment}) & before


def newer_than(moment: datetime, pk: int, field: str = "published_at") -> Q:
    """Rows strictly after ``(moment, pk)`` in newest-first order (see ``older_than``)."""
    after = Q(**{f"{field}__gt": moment}) | Q(**{field: moment, "pk__gt": pk})
    return Q(**{f"{field}__gte": moment}) & after


def keyset_page(
    queryset: QuerySet, *, after: str | None, size: int, field: str = "published_at"
) -> KeysetPage:
    """Return ``size`` items of ``queryset`` newest first, starting after the cursor.

    Ordering is ``(field desc, pk desc)`` so ties at the same second stay stable.
    Raises ``InvalidCursor`` for a malformed cursor, which views turn into a 404.
    """
    queryset = queryset.order_by(f"-{field}", "-pk")
    if after:
        cursor = Cursor.decode(after)
        queryset = queryset.filter(older_than(cursor.moment, cursor.pk, field))
    return keyset_page_of(list(queryset[: size + 1]), after=after, size=size, field=field)


def keyset_page_of(
    items: list, *, after: str | None, size: int, field: str = "published_at"
) -> KeysetPage:
    """The page made of ``items``: up to ``size + 1`` rows read newest first after
    the cursor (the one beyond ``size`` only says that there is a next page)."""
    if after and not items:
        raise InvalidCursor(after)  # past the end: nothing we ever linked to
    next_cursor = None
    if len(items) > size:
        items = items[:size]
        last = items[-1]
        next_cursor = Cursor(moment=getattr(last, field), pk=last.pk).encode()
    return KeysetPage(items=items, next_cursor=next_cursor)

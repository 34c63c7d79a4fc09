"""What every wire format is parsed into: plain values, nothing of the database.

A parser (``sources/<format>.py``) turns a document into ``Item`` and
``Rejected`` values; ``services.py`` decides what each becomes. Everything here
is still untrusted: the headline and names are plain text to be escaped, the
body is HTML to be sanitised, the picture's address is to be fetched safely.
"""

from dataclasses import dataclass, field
from datetime import datetime

USABLE, CANCELED, WITHHELD = "usable", "canceled", "withheld"


class DocumentError(ValueError):
    """The whole document is refused (not XML, an entity bomb, invalid against its
    schema, too large…); the message says why, for the person who sent it."""


@dataclass(frozen=True)
class Picture:
    url: str
    """An absolute http(s) address, or a path inside the drop folder / media dir."""
    caption: str = ""
    credit: str = ""
    alt: str = ""
    mime_type: str = ""


@dataclass(frozen=True)
class Item:
    guid: str
    """The source's identifier, the same for every version of the item."""
    headline: str
    published_at: datetime
    """Aware: when the item says it was first published (its offset kept)."""
    lead: str = ""
    body_html: str = ""
    """As the source sent it: sanitised before it is stored."""
    updated_at: datetime | None = None
    embargoed_until: datetime | None = None
    """Not to be published before this time, whatever ``published_at`` says."""
    version: str = ""
    bylines: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    """Topics: categories, subjects, keywords, as names."""
    genres: tuple[str, ...] = ()
    """Category or genre names that may say the kind (Video, Opinion, Интервью…)."""
    picture: Picture | None = None
    language: str = ""
    """The item's own language when it says (``en``, ``ru-RU``…), else empty."""
    link: str = ""
    status: str = USABLE
    """USABLE, or CANCELED / WITHHELD: the source withdraws the item."""
    extra: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Rejected:
    ref: str
    """What identifies the item for people: its guid, or its position."""
    reason: str

"""The renditions readers are shown, declared once, and the rule that a reader's
request never makes one.

Making a rendition decodes the original: for a 36-megapixel photograph that is
a second of CPU and hundreds of megabytes, which a spike of readers arriving at a
fresh story must never pay. Renditions are made by the worker when a picture is
uploaded or changed and when a story showing it is published
(``publishing/tasks.py``); a reader's request that meets one missing shows a
placeholder of the right size, asks for it (``rendition_wanted``), and is not
cached anywhere (``ReaderPicturesMiddleware``), so the next reader gets the
picture.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import Signal
from django.templatetags.static import static
from wagtail.images.models import Filter

# Every spec a reader's page, feed or API answer asks for. Templates write them
# with spaces ({% image story.main_image fill-640x360 format-webp %});
# tests/core/test_renditions.py holds the templates to this list.
NEWS_LINE_THUMB = "fill-160x90|format-webp"
PORTRAIT = "fill-160x160|format-webp"
STORY_WIDE, STORY_NARROW = "width-1200|format-webp", "width-640|format-webp"
CARD_WIDE, CARD_NARROW = "fill-640x360|format-webp", "fill-320x180|format-webp"
BODY_WIDE, BODY_NARROW = "width-960|format-webp", "width-480|format-webp"
FEED = "width-1200|format-jpeg"
API = "width-1200"
READER_SPECS = (
    NEWS_LINE_THUMB,
    PORTRAIT,
    STORY_WIDE,
    STORY_NARROW,
    CARD_WIDE,
    CARD_NARROW,
    BODY_WIDE,
    BODY_NARROW,
    FEED,
    API,
)
PENDING_PICTURE = "newsline/picture-pending.svg"

rendition_wanted = Signal()
"""Sent with ``image`` when a reader's request met a rendition not made yet."""

_for_readers = ContextVar("newsline_renditions_for_readers", default=False)
_watchers = ContextVar("newsline_renditions_watchers", default=())


@contextmanager
def for_readers():
    """Within it, missing renditions are placeholders, never made; the function it
    gives tells afterwards whether any was shown."""
    token = _for_readers.set(True)
    try:
        with watching() as showed_pending:
            yield showed_pending
    finally:
        _for_readers.reset(token)


@contextmanager
def watching():
    """Gives a function telling whether a placeholder was shown within the block:
    whatever holds one (a page, a cached fragment) must not be kept."""
    shown = []
    token = _watchers.set((*_watchers.get(), shown))
    try:
        yield lambda: bool(shown)
    finally:
        _watchers.reset(token)


def is_for_readers() -> bool:
    return _for_readers.get()


def placeholder(image, filter: Filter):
    """An unsaved rendition of the size the real one will have (computed from the
    original's recorded size, without decoding it), pointing at a neutral
    picture; the real one is asked for."""
    width, height = filter.get_transform(image).size
    rendition = image.get_rendition_model()(
        image=image, filter_spec=filter.spec, width=width, height=height
    )
    rendition.is_pending = True
    for shown in _watchers.get():
        shown.append(image.pk)
    rendition_wanted.send(sender=type(image), image=image)
    return rendition


def pending_url() -> str:
    return static(PENDING_PICTURE)


def missing_specs(image) -> list[str]:
    """The reader specs ``image`` has no rendition of yet (for its focal point)."""
    filters = [Filter(spec=spec) for spec in READER_SPECS]
    existing = image.find_existing_renditions(*filters)
    return [f.spec for f in filters if f not in existing]


def make_renditions(image) -> int:
    """Make every reader rendition ``image`` lacks; returns how many were made.
    Decodes the original: for the worker and commands, never a reader's request."""
    missing = missing_specs(image)
    if missing:
        image.get_renditions(*missing)
    return len(missing)

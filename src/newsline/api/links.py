"""Absolute addresses partners follow: pages, profiles, topics and pictures.

Everything handed out is absolute and built on the Wagtail site's root URL, the
same base Wagtail uses for ``html_url`` and ``detail_url``, so one response never
mixes hosts.
"""

import mimetypes

from django.urls import reverse
from django.utils import translation
from django.utils.encoding import iri_to_uri
from wagtail.images.models import SourceImageIOError

from newsline.core import outlet, renditions

# About 1200 pixels wide: large enough for a partner's article page; never upscaled.
PICTURE_SPEC = renditions.API


def base_url(request) -> str:
    """Scheme and host every address of this response starts with, without a slash:
    the outlet's (``core.outlet``), which Wagtail's own ``detail_url`` uses too."""
    return outlet.base_url(request)


def page_url(page) -> str:
    """The page's absolute address as a URI: Wagtail gives an IRI for Unicode slugs."""
    return iri_to_uri(page.full_url)


def absolute(base: str, path: str) -> str:
    return path if path.startswith(("http://", "https://")) else base + path


def person_url(person, language: str, base: str) -> str:
    """The person's profile in ``language`` (the view falls back to any translation)."""
    with translation.override(language):
        return absolute(base, person.get_absolute_url())


def topic_url(tag, language: str, base: str) -> str:
    with translation.override(language):
        return absolute(base, reverse("topic", kwargs={"slug": tag.slug}))


def picture(image, base: str, *, caption: str = "", credit: str = "") -> dict | None:
    """The image at partner size with its caption and credit (the block's, else the
    image's own); None when the file cannot be read, or until the worker has made
    the rendition (the answer is then not cached)."""
    try:
        rendition = image.get_rendition(PICTURE_SPEC)
    except SourceImageIOError:
        return None
    if rendition.is_pending:
        return None
    return {
        "url": absolute(base, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "contenttype": mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg",
        "caption": caption or image.caption,
        "credit": credit or image.credit,
        "alt": rendition.alt,
    }

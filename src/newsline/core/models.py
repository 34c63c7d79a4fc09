"""Domain-free building blocks: the image model every page uses."""

import os
import secrets
from functools import lru_cache

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Filter
from wagtail.images.models import Image as WagtailImage

from . import renditions


class NewsImage(AbstractImage):
    """A picture with the caption and credit a newsroom must print beside it."""

    caption = models.CharField(_("caption"), max_length=400, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)

    admin_form_fields = (*WagtailImage.admin_form_fields, "caption", "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def get_upload_to(self, filename):
        """Wagtail's path with 96 random bits first in the name
        (``k3J…x_harbour.png``), so the original of a picture in an unpublished
        story cannot be found by guessing its name. First, because Wagtail cuts a
        rendition's name to 59 characters from the end: renditions keep the whole
        random part (``k3J…x_harb.2e16d0ba.fill-640x360.format-webp.webp``)."""
        path = super().get_upload_to(filename)
        folder, name = os.path.split(path)
        stem, extension = os.path.splitext(name)
        return os.path.join(folder, f"{secrets.token_urlsafe(12)}_{stem[:60]}{extension}")

    def get_rendition(self, filter):
        """Wagtail's, but a reader's request gets a placeholder for a rendition not
        made yet instead of decoding the original (``core/renditions.py``).

        Elsewhere (previews, the admin) a missing rendition is made, as Wagtail
        does; one that exists is returned as found (prefetched, cached or read),
        without Wagtail's writing it back to the cache on every call, which cost
        a preview more than finding it."""
        filter = shared_filter(filter)
        try:
            return self.find_existing_rendition(filter)
        except NewsRendition.DoesNotExist:
            if renditions.is_for_readers():
                return renditions.placeholder(self, filter)
            return super().get_rendition(filter)

    def get_renditions(self, *filters):
        if not renditions.is_for_readers():
            return super().get_renditions(*filters)
        return {getattr(f, "spec", f): self.get_rendition(f) for f in filters}


def shared_filter(filter: Filter | str) -> Filter:
    """The process's ``Filter`` for a spec given as text or as a ``Filter`` (the
    ``{% image %}`` tag makes a new one per render)."""
    spec = filter.spec if type(filter) is Filter else filter
    return parsed_filter(spec) if isinstance(spec, str) else filter


@lru_cache(maxsize=256)
def parsed_filter(spec: str) -> Filter:
    """One ``Filter`` per spec for the process: parsing a spec's operations cost
    more than finding the rendition (66 of them on a home page)."""
    return Filter(spec=spec)


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    is_pending = False
    """A placeholder shown while the worker makes the real one."""

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    @property
    def url(self):
        return renditions.pending_url() if self.is_pending else super().url

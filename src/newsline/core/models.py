"""Domain-free building blocks: the image model every page uses."""

import os
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.images.models import Image as WagtailImage


class NewsImage(AbstractImage):
    """A picture with the caption and credit a newsroom must print beside it."""

    caption = models.CharField(_("caption"), max_length=400, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)

    admin_form_fields = (*WagtailImage.admin_form_fields, "caption", "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def get_upload_to(self, filename):
        """Wagtail's path with a random part in the name (``harbour_k3J…x.png``), so
        the original of a picture in an unpublished story cannot be found by
        guessing its name; renditions' names carry the same part."""
        path = super().get_upload_to(filename)
        folder, name = os.path.split(path)
        stem, extension = os.path.splitext(name)
        return os.path.join(folder, f"{stem[:60]}_{secrets.token_urlsafe(12)}{extension}")


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

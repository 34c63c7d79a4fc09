"""The admin's picture form: Wagtail's, with hostile files refused as form errors."""

import re

from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# Pillow refuses to open a picture past twice its pixel limit (core/apps.py sets
# that limit to ours) with DecompressionBombError, before Wagtail's own check
# runs; the message carries the size it read from the file's header.
_BOMB_SIZE = re.compile(r"\((\d+) pixels\)")


class PixelCappedImageField(WagtailImageField):
    """Wagtail's upload field, where a decompression bomb is the form's "too many
    pixels" error instead of a server error."""

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
            found = _BOMB_SIZE.search(str(exc))
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {
                    "num_pixels": found[1] if found else "?",
                    "max_pixels_count": self.max_image_pixels,
                },
                code="file_too_many_pixels",
            ) from exc


class NewsImageForm(BaseImageForm):
    """Every admin picture form (single and multiple upload, edit) is built on this
    one (``WAGTAILIMAGES_IMAGE_FORM_BASE``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            given = self.fields["file"]
            self.fields["file"] = PixelCappedImageField(
                label=given.label,
                required=given.required,
                widget=given.widget,
                help_text=given.help_text,
            )

"""``newsline secure_originals``: give pictures stored before originals got
unguessable names (``NewsImage.get_upload_to``) such a name.

An original keeps its address forever, and a picture of a story not yet
published was readable by anyone who guessed ``/media/original_images/harbour.jpg``
(or, for a rendition, ``/media/images/harbour.width-1200.format-webp.webp``).
Each such file is copied under a new name, the record pointed at it, the old file
and its renditions (named after it) removed; the worker makes the renditions
again and the pages showing the picture are purged, as for any picture change.
"""

import os
import re

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand

from newsline.core.models import NewsImage

# What get_upload_to puts first: 16 characters of token_urlsafe(12) and "_". (Names
# with the random part last, as briefly made, are renamed too: their renditions'
# shortened names could lose it.)
RANDOM_PART = re.compile(r"(^|/)[A-Za-z0-9_-]{16}_[^/]*$")


class Command(BaseCommand):
    help = "Rename pictures' originals stored under guessable names (safe to run again)."

    def handle(self, *args, **options):
        renamed = kept = missing = 0
        for image in NewsImage.objects.order_by("pk").iterator():
            if RANDOM_PART.search(image.file.name):
                kept += 1
            elif self._rename(image):
                renamed += 1
            else:
                missing += 1
        self.stdout.write(f"renamed {renamed}, already unguessable {kept}, missing {missing}")

    def _rename(self, image) -> bool:
        storage, old = image.file.storage, image.file.name
        try:
            with storage.open(old, "rb") as original:
                data = original.read()
        except OSError as error:
            self.stderr.write(f"picture {image.pk} ({old}): the file cannot be read ({error})")
            return False
        new = storage.save(image.get_upload_to(os.path.basename(old)), ContentFile(data))
        image.renditions.all().delete()  # their files carry the old name
        image.file.name = new
        image.save(update_fields=["file"])
        storage.delete(old)
        return True

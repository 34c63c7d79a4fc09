"""Illustrations drawn locally with Pillow, so the demo needs no downloads."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from newsline.core import renditions

PALETTES = [
    ((18, 52, 86), (236, 112, 99)),
    ((20, 90, 50), (244, 208, 63)),
    ((91, 44, 111), (133, 193, 233)),
    ((120, 40, 31), (250, 215, 160)),
    ((23, 32, 42), (72, 201, 176)),
]


def _picture(rng: random.Random, width: int = 1200, height: int = 675) -> bytes:
    top, bottom = rng.choice(PALETTES)
    picture = PILImage.new("RGB", (width, height), top)
    draw = ImageDraw.Draw(picture)
    for row in range(height):
        mix = row / height
        colour = tuple(int(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, row), (width, row)], fill=colour)
    for _ in range(rng.randint(3, 7)):
        x, y, r = rng.randint(0, width), rng.randint(0, height), rng.randint(40, 220)
        shade = tuple(min(255, c + rng.randint(20, 90)) for c in top)
        draw.ellipse([x - r, y - r, x + r, y + r], outline=shade, width=rng.randint(4, 14))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=78)
    return buffer.getvalue()


def make_images(rng: random.Random, count: int) -> list:
    model = get_image_model()
    images = []
    for number in range(1, count + 1):
        image = model(
            title=f"Illustration {number}",
            caption=f"Illustration {number}",
            credit="Newsline demo",
            file=ImageFile(io.BytesIO(_picture(rng)), name=f"demo-{number:03d}.jpg"),
        )
        image.save()
        # Here rather than in the worker, so the outlet shows every picture at once.
        renditions.make_renditions(image)
        images.append(image)
    return images

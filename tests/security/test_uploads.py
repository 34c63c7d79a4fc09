"""Pictures from editors are hostile until checked: bombs and SVG are form errors."""

import io

from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsline.core import renditions
from newsline.core.models import NewsImage

from ..factories import ImageFactory, _png
from .hostile_files import SVG_WITH_SCRIPT, png_bomb


def _upload(client, name, content, content_type="image/png"):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Upload", "file": SimpleUploadedFile(name, content, content_type)},
    )


def test_decompression_bomb_is_the_forms_too_many_pixels_error(admin_client):
    response = _upload(admin_client, "bomb.png", png_bomb())
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    assert not NewsImage.objects.exists()


def test_picture_over_the_pixel_cap_is_refused(admin_client, settings):
    response = _upload(admin_client, "big.png", png_bomb(8_000, 6_000))  # 48 MP
    assert "too many pixels" in response.content.decode()
    assert not NewsImage.objects.exists()


def test_svg_picture_is_refused(admin_client):
    response = _upload(admin_client, "logo.svg", SVG_WITH_SCRIPT, "image/svg+xml")
    assert response.status_code == 200
    assert "svg" in response.content.decode().lower()
    assert not NewsImage.objects.exists()


def test_ordinary_picture_is_accepted(admin_client):
    response = _upload(admin_client, "harbour.png", _png())
    assert response.status_code == 302
    assert NewsImage.objects.count() == 1


def test_originals_and_renditions_have_unguessable_names(admin_client):
    _upload(admin_client, "harbour.png", _png())
    picture = NewsImage.objects.get()
    folder, name = picture.file.name.split("/")
    assert folder == "original_images" and name.endswith("_harbour.png")
    token = name.removesuffix("_harbour.png")
    assert len(token) >= 16  # 96 random bits
    # Wagtail shortens a rendition's name from the end: the random part stays whole
    # in every size readers are shown.
    for spec in renditions.READER_SPECS:
        assert token in picture.get_rendition(spec).file.name, spec
    other = ImageFactory(file=ImageFile(io.BytesIO(_png()), name="harbour.png"))
    assert other.file.name != picture.file.name

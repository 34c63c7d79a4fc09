"""Originals stored before they got unguessable names are renamed, once."""

import io

from django.core.files.base import ContentFile
from django.core.management import call_command

from newsline.core import renditions
from newsline.core.management.commands.secure_originals import RANDOM_PART

from ..factories import ImageFactory, _png


def _with_guessable_name(name="original_images/harbour.png"):
    image = ImageFactory()
    storage = image.file.storage
    stored = storage.save(name, ContentFile(_png()))
    storage.delete(image.file.name)
    image.file.name = stored
    image.save(update_fields=["file"])
    return image


def _run() -> str:
    out = io.StringIO()
    call_command("secure_originals", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_guessable_original_gets_an_unguessable_name():
    image = _with_guessable_name()
    assert _run().startswith("renamed 1, already unguessable 0")
    image.refresh_from_db()
    assert RANDOM_PART.search(image.file.name)
    assert not image.file.storage.exists("original_images/harbour.png")
    assert renditions.missing_specs(image) == []  # made again, under the new name
    token = image.file.name.rsplit("/", 1)[1][:16]
    assert all(f"/{token}_" in rendition.file.name for rendition in image.renditions.all())


def test_a_second_run_renames_nothing():
    _with_guessable_name()
    _run()
    assert _run().startswith("renamed 0, already unguessable 1")


def test_a_missing_file_is_reported_and_the_rest_go_on():
    gone = _with_guessable_name("original_images/gone.png")
    gone.file.storage.delete(gone.file.name)
    _with_guessable_name("original_images/here.png")
    assert _run() == "renamed 1, already unguessable 0, missing 1\n"

"""A wire's or an import's picture, made a Newsline image under the same rules as
an editor's upload (the admin's own upload field: formats, size, pixel cap,
decompression bombs); its renditions are then made by the worker."""

import io
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.utils.file import hash_filelike

from newsline.core.forms import PixelCappedImageField
from newsline.core.models import NewsImage

from .fetch import FetchError, fetch
from .items import Picture

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp", "AVIF": "avif"}


class PictureError(ValueError):
    """Why a picture could not be had; the story is imported without it."""


def image_from(picture: Picture, *, title: str, folder: Path | None = None) -> NewsImage:
    """The picture as a saved ``NewsImage`` (an identical file already stored is
    reused); raises ``PictureError`` naming the problem."""
    data = _read(picture.url, folder)
    name = _checked_name(data, picture.url)
    upload = SimpleUploadedFile(name, data)
    try:
        PixelCappedImageField(required=True).clean(upload)
    except ValidationError as error:
        raise PictureError(f"{picture.url}: {' '.join(error.messages)}") from error
    upload.seek(0)
    image = NewsImage(
        title=(picture.alt or picture.caption or title)[:255],
        caption=picture.caption[:400],
        credit=picture.credit[:200],
        file=upload,
    )
    existing = NewsImage.objects.filter(file_hash=hash_filelike(io.BytesIO(data))).first()
    if existing is not None:
        return existing
    image._set_image_file_metadata()
    image.save()
    return image


def _read(url: str, folder: Path | None) -> bytes:
    limit = settings.NEWSLINE_INGEST_MAX_PICTURE_BYTES
    if url.lower().startswith(("http://", "https://")):
        try:
            return fetch(url, max_bytes=limit).body
        except FetchError as error:
            raise PictureError(str(error)) from error
    if folder is None or _SCHEME.match(url):
        raise PictureError(f"{url!r} is not an http(s) address")
    return _read_inside(folder, url, limit)


def _read_inside(folder: Path, relative: str, limit: int) -> bytes:
    """A file under ``folder`` only: ``../../etc/passwd`` and absolute paths that
    leave it are refused."""
    root = folder.resolve()
    path = (root / relative.lstrip("/")).resolve()
    if not path.is_relative_to(root):
        raise PictureError(f"{relative!r} is outside {folder}")
    if not path.is_file():
        raise PictureError(f"{relative!r} is not in {folder}")
    if path.stat().st_size > limit:
        raise PictureError(f"{relative!r} is larger than {limit:,} bytes")
    return path.read_bytes()


def _checked_name(data: bytes, url: str) -> str:
    """A file name whose extension is the picture's real format, sniffed."""
    try:
        with PILImage.open(io.BytesIO(data)) as opened:
            kind = opened.format
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as error:
        raise PictureError(f"{url}: too many pixels ({error})") from error
    except Exception as error:  # Pillow raises many kinds for what is not a picture
        raise PictureError(f"{url}: not a picture Newsline can read") from error
    if kind not in _EXTENSIONS:
        raise PictureError(f"{url}: {kind} pictures are not accepted")
    stem = Path(url.split("?")[0]).stem[:60] or "wire-picture"
    return f"{stem}.{_EXTENSIONS[kind]}"

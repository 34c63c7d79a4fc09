"""Uploaded files as the embedded default serves them (nginx or a CDN does in
production, with the same rules: docs/deploy/nginx.conf).

Everything under the media root came from outside. Pictures are served as
pictures; anything else is a download; nothing may run as a page of the site:
``nosniff`` stops a browser from guessing HTML in a file, and a sandboxing CSP
gives any document that still renders an opaque origin with scripts off.
Documents are never served from here: Wagtail's document view serves them
(``/documents/<id>/<name>``), as downloads and after its privacy checks.
"""

import mimetypes

from django.http import Http404
from django.views.static import serve

# The types a browser shows as a picture and cannot run script in (not SVG).
PICTURE_TYPES = frozenset(["image/avif", "image/gif", "image/jpeg", "image/png", "image/webp"])
MEDIA_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
DOCUMENTS_FOLDER = "documents/"


def protect(response, *, is_picture: bool):
    """The headers every uploaded file is sent with."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_POLICY
    if not is_picture:
        response["Content-Disposition"] = "attachment"
    return response


def is_picture(path: str) -> bool:
    return mimetypes.guess_type(path)[0] in PICTURE_TYPES


def serve_media(request, path: str, document_root: str):
    """An uploaded picture or rendition from the media root; 404 for documents."""
    if path.lstrip("/").startswith(DOCUMENTS_FOLDER):
        raise Http404("Documents are served at /documents/")
    response = serve(request, path, document_root=document_root)
    return protect(response, is_picture=is_picture(path))

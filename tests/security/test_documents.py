"""Uploaded documents can never run as a page of the site.

The attack this guards against: an editor uploaded an HTML document whose script,
opened by an administrator from the site's own origin, created a superuser.
Documents are now refused unless their extension is on the allow-list, and every
document (an old one of any type included) is served as a download with nosniff
and a CSP that blocks embedded content; raw media is never served as a page.
"""

import uuid
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from ..nginx import ShippedNginx, free_port
from .hostile_files import SVG_WITH_SCRIPT

Document = get_document_model()
SCRIPT_PAGE = b"<html><script>fetch('/admin/users/add/')</script></html>"
HOSTILE_NAMES = [
    "invitation.html",
    "invitation.htm",
    "invitation.xhtml",
    "logo.svg",
    "feed.xml",
    "payload.js",
    "payload.mjs",
    "page.shtml",
    "tool.exe",
]


def _upload(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "Attached", "file": SimpleUploadedFile(name, content), "collection": 1},
    )


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_documents_that_could_run_script_are_refused_with_a_clear_message(admin_client, name):
    response = _upload(admin_client, name, SCRIPT_PAGE)
    assert response.status_code == 200
    body = response.content.decode()
    extension = name.rsplit(".", 1)[1]
    # In the editor's language (Azerbaijani here): the refused extension and the
    # allowed ones are named.
    assert f"“{extension}”" in body
    assert "pdf, txt, csv" in body
    assert not Document.objects.exists()


def test_an_allowed_document_is_accepted(admin_client):
    response = _upload(admin_client, "budget.pdf", b"%PDF-1.4 invented test file")
    assert response.status_code == 302
    assert Document.objects.get().filename == "budget.pdf"


@pytest.fixture
def disk_storage(settings, tmp_path):
    """Files on disk, as the embedded default keeps them (the suite keeps them in
    memory, where Wagtail's document view cannot stream them)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


def _stored(name, content):
    """A document stored without the upload form: one uploaded before the
    allow-list existed, say."""
    document = Document(title="Old upload")
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


@pytest.mark.parametrize("name", ["old.html", "old.svg", "report.pdf"])
@pytest.mark.usefixtures("disk_storage")
def test_every_document_is_served_as_a_download_that_cannot_run(client, name):
    document = _stored(name, SCRIPT_PAGE if not name.endswith("svg") else SVG_WITH_SCRIPT)
    response = client.get(document.url)
    assert response.status_code == 200
    assert document.url.startswith("/documents/")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


@pytest.fixture
def media_file():
    """A file written under the media root, as the embedded server holds uploads."""
    made = []

    def write(relative, content):
        path = Path(settings.MEDIA_ROOT) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        made.append(path)
        return settings.MEDIA_URL + relative

    yield write
    for path in made:
        path.unlink(missing_ok=True)


def test_documents_are_not_served_as_raw_media(client, media_file):
    url = media_file(f"documents/{uuid.uuid4().hex}.html", SCRIPT_PAGE)
    assert client.get(url).status_code == 404


def test_raw_media_that_is_not_a_picture_is_a_sandboxed_download(client, media_file):
    url = media_file(f"original_images/{uuid.uuid4().hex}.html", SCRIPT_PAGE)
    response = client.get(url)
    assert response["Content-Disposition"] == "attachment"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_pictures_are_served_as_pictures_but_sandboxed(client, media_file):
    url = media_file(f"images/{uuid.uuid4().hex}.png", b"\x89PNG\r\n\x1a\n")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


# The same rules in the shipped nginx configuration, which serves media in
# production.
@pytest.fixture
def nginx_media(tmp_path):
    media = tmp_path / "data" / "media"
    files = {
        "documents/invitation.html": SCRIPT_PAGE,
        "original_images/invitation.html": SCRIPT_PAGE,
        "original_images/logo.svg": SVG_WITH_SCRIPT,
        "images/harbour.png": b"\x89PNG\r\n\x1a\n",
    }
    for relative, content in files.items():
        (media / relative).parent.mkdir(parents=True, exist_ok=True)
        (media / relative).write_bytes(content)
    with ShippedNginx(tmp_path / "nginx", data=tmp_path / "data", app_port=free_port()) as base:
        yield base


def test_shipped_nginx_never_serves_media_as_a_page(nginx_media):
    assert (
        requests.get(f"{nginx_media}/media/documents/invitation.html", timeout=5).status_code == 404
    )
    for name in ("invitation.html", "logo.svg"):
        response = requests.get(f"{nginx_media}/media/original_images/{name}", timeout=5)
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "application/octet-stream"
        assert response.headers["Content-Disposition"] == "attachment"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response.headers["Content-Security-Policy"]
    picture = requests.get(f"{nginx_media}/media/images/harbour.png", timeout=5)
    assert picture.headers["Content-Type"] == "image/png"
    assert "Content-Disposition" not in picture.headers
    assert picture.headers["X-Content-Type-Options"] == "nosniff"

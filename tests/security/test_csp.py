"""Content-Security-Policy: readers' pages allow only the site's scripts and those
carrying the response's nonce; a cached page gets a fresh nonce on every hit."""

import re

import pytest

from ..factories import make_story

NONCE = re.compile(r"'nonce-([A-Za-z0-9+/=]+)'")


def _policy(response) -> dict[str, str]:
    directives = [part.strip() for part in response["Content-Security-Policy"].split(";")]
    return {d.split()[0]: d for d in directives if d}


def _nonce(response) -> str:
    return NONCE.search(_policy(response)["script-src"])[1]


def test_a_readers_page_allows_only_its_own_and_nonced_scripts(client):
    story = make_story()
    response = client.get(story.url)
    policy = _policy(response)
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["object-src"] == "object-src 'none'"
    nonce = _nonce(response)
    body = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", body)
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts), scripts


@pytest.mark.usefixtures("page_cache")
def test_every_hit_of_a_cached_page_gets_a_fresh_nonce(client):
    story = make_story()
    first = client.get(story.url)
    hits = [client.get(story.url) for _ in range(2)]
    assert all(hit["X-Cache"] == "HIT" for hit in hits)
    nonces = {_nonce(first), *(_nonce(hit) for hit in hits)}
    assert len(nonces) == 3
    for hit in hits:
        assert f'nonce="{_nonce(hit)}"' in hit.content.decode()
        assert "newsline-nonce-slot" not in hit.content.decode()
    assert len({first["ETag"], *(hit["ETag"] for hit in hits)}) == 1


def test_the_admin_has_a_policy_of_its_own(admin_client):
    response = admin_client.get("/admin/")
    policy = _policy(response)
    assert "'unsafe-inline'" in policy["script-src"] and policy["object-src"]


def test_documents_keep_their_own_stricter_policy(client, settings, tmp_path):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    document = get_document_model()(title="Budget")
    document.file.save("budget.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    assert client.get(document.url)["Content-Security-Policy"] == "default-src 'none'"

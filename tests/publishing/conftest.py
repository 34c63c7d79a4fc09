import socket

import pytest


def hit(client, url, **headers):
    """GET ``url``; True when the page cache answered."""
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response.get("X-Cache") == "HIT"


@pytest.fixture
def key_headers(settings):
    """Both headers CDNs purge by, as with Fastly (FRONTEND_CACHE_URL) and Cloudflare
    configured; without a CDN neither is sent."""
    settings.NEWSLINE_KEY_HEADERS = ("Surrogate-Key", "Cache-Tag")
    return settings.NEWSLINE_KEY_HEADERS


# Dead and hung services for the failure tests (a CDN, Redis).
@pytest.fixture
def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def hung_port():
    """Accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    yield listener.getsockname()[1]
    listener.close()

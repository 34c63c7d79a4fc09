import pytest


@pytest.fixture
def page_cache(settings):
    """The page cache on, as in production (the rest of the suite runs without it)."""
    settings.NEWSLINE_PAGE_CACHE = True
    return settings


def hit(client, url, **headers):
    """GET ``url``; True when the page cache answered."""
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response.get("X-Cache") == "HIT"

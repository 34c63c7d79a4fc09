"""Fetching the API as a partner does: JSON, no cookies."""

from datetime import datetime


def fetch(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    assert not response.cookies, url
    return response.json()


def ids(listing) -> list:
    return [item["id"] for item in listing["items"]]


def has_offset(moment: str) -> bool:
    return datetime.fromisoformat(moment).utcoffset() is not None

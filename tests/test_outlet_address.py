"""One address for the outlet on every machine surface: the site record's.

A reader or crawler who came by another name for the host (here 127.0.0.1) still
gets the outlet's own address in canonical links, hreflang, feeds, sitemaps,
robots.txt, the API and ninjs, and no response mixes hosts."""

import re

from .factories import make_story

OUTLET = "http://localhost"  # the test site record's address


def _addresses(body: str) -> set[str]:
    return set(re.findall(r"https?://[a-z0-9.\-]+(?::\d+)?", body))


def test_every_machine_surface_names_the_outlets_own_address(client):
    story = make_story()
    urls = [
        story.url,
        "/en/feeds/rss/",
        "/en/feeds/json/",
        "/sitemap.xml",
        "/sitemaps/en/stories-1.xml",
        "/robots.txt",
        f"/api/v2/stories/{story.pk}/",
        f"/api/ninjs/{story.pk}/",
    ]
    for url in urls:
        body = client.get(url, HTTP_HOST="127.0.0.1").content.decode()
        ours = {a for a in _addresses(body) if "127.0.0.1" in a or "localhost" in a}
        assert ours == {OUTLET}, (url, ours)

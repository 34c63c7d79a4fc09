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


def test_invented_host_names_do_not_grow_what_a_process_remembers(client):
    # Every reader's request looks its site up, before the host is checked: a
    # Host header made up per request must not be one more thing kept each time.
    from newsline.core import outlet

    for number in range(3 * outlet.SITE_MEMORY_HOSTS):
        client.get("/en/newsline/", HTTP_HOST=f"h{number}.invented.example")
    assert len(outlet._SITES) <= outlet.SITE_MEMORY_HOSTS
    outlet.forget_sites()
    for port in range(50):
        client.get("/en/newsline/", HTTP_HOST=f"localhost:{8000 + port}")
    assert len(outlet._SITES) == 1  # the port in a Host header is not Wagtail's to read

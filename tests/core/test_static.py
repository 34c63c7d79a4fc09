from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders


def test_every_stylesheet_the_pages_link_is_found(client):
    page = BeautifulSoup(client.get("/en/").content, "lxml")
    hrefs = [link["href"] for link in page.select("link[rel=stylesheet]")]
    assert hrefs
    for href in hrefs:
        assert finders.find(href.removeprefix("/static/")), href

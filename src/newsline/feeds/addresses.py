"""The addresses of the feeds app, for caches that purge by URL: each list page's
feeds in every format, and every sitemap file. Other apps ask here rather than
spell feeds' routes and formats themselves."""

from django.urls import reverse

from . import sitemaps
from .formats import FORMATS


def with_feeds(page_path: str, feed_name: str, **kwargs) -> set[str]:
    """A list page and its feeds in every format (``feed_name`` as in feeds/urls.py)."""
    feeds = {reverse(feed_name, kwargs={**kwargs, "fmt": fmt}) for fmt in FORMATS}
    return {page_path} | feeds


def home(home_path: str) -> set[str]:
    return with_feeds(home_path, "feed")


def section(section_path: str, slug: str) -> set[str]:
    return with_feeds(section_path, "section_feed", slug=slug)


def topic(slug: str) -> set[str]:
    return with_feeds(reverse("topic", args=[slug]), "topic_feed", slug=slug)


def person(slug: str) -> set[str]:
    return with_feeds(reverse("person", args=[slug]), "person_feed", slug=slug)


def corrections() -> set[str]:
    """The corrections list of the active language and its feeds."""
    return with_feeds(reverse("corrections"), "corrections_feed")


def topic_index() -> set[str]:
    return {reverse("topics")}


def sitemap_files(language: str) -> set[str]:
    return sitemaps.every_path(language)

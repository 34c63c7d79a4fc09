"""The outlet's address and name: the one base of every absolute address machines
read, and the name every page, feed, sitemap, JSON-LD block and ninjs item carries.

Canonical links, hreflang alternates, Open Graph, JSON-LD, feeds, sitemaps,
robots.txt, the API and ninjs all build on Wagtail's site record (set from
BASE_URL on a fresh install and by the demo: ``news.services.align_default_site``),
so a reader who came by another name for the host (an address, ``www.``) is
still given the canonical one, and no response mixes hosts.
"""

from django.conf import settings
from wagtail.models import Site


def base_url(request) -> str:
    """Scheme and host of the outlet, without a trailing slash."""
    site = Site.find_for_request(request)
    if site is None:
        return request.build_absolute_uri("/").rstrip("/")
    return site.root_url


def absolute(request, path: str) -> str:
    """``path`` on the outlet's address; an address that is already absolute as is."""
    return path if path.startswith(("http://", "https://")) else base_url(request) + path


def name(request) -> str:
    """The outlet's name: its site record's (``newsline init --name``, editable in the
    admin under Settings → Sites), else ``NEWSLINE_OUTLET_NAME``. The site is the one
    Wagtail found for the request (kept on it: no query of its own after routing)."""
    site = Site.find_for_request(request)
    return (site.site_name if site is not None else "") or settings.NEWSLINE_OUTLET_NAME

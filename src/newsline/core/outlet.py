"""The outlet's address and name: the one base of every absolute address machines
read, and the name every page, feed, sitemap, JSON-LD block and ninjs item carries.

Canonical links, hreflang alternates, Open Graph, JSON-LD, feeds, sitemaps,
robots.txt, the API and ninjs all build on Wagtail's site record (set from
BASE_URL on a fresh install and by the demo: ``news.services.align_default_site``),
so a reader who came by another name for the host (an address, ``www.``) is
still given the canonical one, and no response mixes hosts.
"""

import time

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Site

# Sites are kept per process for a while (``site_for``), for this many hosts at most.
SITE_MEMORY_SECONDS = 60
SITE_MEMORY_HOSTS = 64
SITE_FIELDS = Site._meta.concrete_fields
_SITES: dict = {}


def site_for(request) -> Site | None:
    """The request's site (Wagtail's rules), kept per process for a while: sites
    change when an outlet is set up or moves, and each lookup was a query with
    every page and every fragment. A change made here is seen at once
    (``forget_sites``); one made by another process within ``SITE_MEMORY_SECONDS``.
    What is kept is the row's values; each request gets a Site object of its own.
    Looked up by the host as sent, unchecked, as Wagtail does (an error page for a
    refused host still has a name to show), and kept by what Wagtail looks at (the
    host name without a port, and the server's port) for ``SITE_MEMORY_HOSTS``
    names at most: every reader's request asks, and its Host header is anyone's
    to invent."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    remembered = _SITES.get(key)
    if remembered is not None and remembered[1] > time.monotonic():
        request._wagtail_site = Site(**remembered[0])
        return request._wagtail_site
    site = Site.find_for_request(request)
    if site is not None:
        values = {field.attname: getattr(site, field.attname) for field in SITE_FIELDS}
        if len(_SITES) >= SITE_MEMORY_HOSTS:
            _SITES.clear()
        _SITES[key] = (values, time.monotonic() + SITE_MEMORY_SECONDS)
    return site


def forget_sites(**kwargs) -> None:
    _SITES.clear()


def connect_signals() -> None:
    post_save.connect(forget_sites, sender=Site, dispatch_uid="newsline.sites.saved")
    post_delete.connect(forget_sites, sender=Site, dispatch_uid="newsline.sites.deleted")


def base_url(request) -> str:
    """Scheme and host of the outlet, without a trailing slash."""
    site = site_for(request)
    if site is None:
        return request.build_absolute_uri("/").rstrip("/")
    return site.root_url


def absolute(request, path: str) -> str:
    """``path`` on the outlet's address; an address that is already absolute as is."""
    return path if path.startswith(("http://", "https://")) else base_url(request) + path


def name(request) -> str:
    """The outlet's name: its site record's (``newsline init --name``, editable in the
    admin under Settings → Sites), else ``NEWSLINE_OUTLET_NAME``. The site is the one
    Wagtail found for the request (``site_for``)."""
    site = site_for(request)
    return (site.site_name if site is not None else "") or settings.NEWSLINE_OUTLET_NAME

"""Fetching for wires and imports cannot be turned against the outlet's network."""

import pytest

from newsline.ingest.fetch import FetchError, fetch

from .wire_server import WireServer


@pytest.fixture
def agency(settings):
    settings.NEWSLINE_INGEST_ALLOW_PRIVATE = True  # the agency is on loopback here
    with WireServer() as server:
        yield server


def test_a_document_is_fetched_with_its_validators(agency):
    url = agency.serve("/feed.xml", b"<rss/>")
    fetched = fetch(url, max_bytes=1000)
    assert (fetched.status, fetched.body) == (200, b"<rss/>")
    assert fetched.etag and fetched.content_type == "application/rss+xml"


def test_an_unchanged_document_costs_a_304(agency):
    url = agency.serve("/feed.xml", b"<rss/>")
    first = fetch(url, max_bytes=1000)
    again = fetch(url, max_bytes=1000, etag=first.etag)
    assert again.not_modified and again.body == b""
    assert agency.requests[-1][1]["If-None-Match"] == first.etag


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/feed",
        "http://localhost/feed",
        "http://10.0.0.8/feed",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/feed",
        "http://0.0.0.0/feed",
    ],
)
def test_private_and_reserved_addresses_are_refused(url, settings):
    settings.NEWSLINE_INGEST_ALLOW_PRIVATE = False
    with pytest.raises(FetchError, match="private or reserved"):
        fetch(url, max_bytes=1000)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://wire.example/feed", "gopher://x/", "//no-scheme"]
)
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(FetchError, match="only http and https"):
        fetch(url, max_bytes=1000)


def test_a_redirect_to_another_host_is_not_followed(agency):
    with pytest.raises(FetchError, match="redirects to another host"):
        fetch(agency.base + "/redirect-away", max_bytes=1000)


def test_a_redirect_on_the_same_host_is_followed(agency):
    agency.serve("/feed.xml", b"<rss/>")
    assert fetch(agency.base + "/redirect-here", max_bytes=1000).body == b"<rss/>"


def test_the_size_cap_is_counted_while_reading(agency):
    with pytest.raises(FetchError, match="larger than 1,000 bytes"):
        fetch(agency.base + "/unannounced", max_bytes=1000)


def test_an_error_answer_is_named(agency):
    agency.failing = True
    with pytest.raises(FetchError, match="answered 503"):
        fetch(agency.base + "/feed.xml", max_bytes=1000)


def test_a_name_that_does_not_resolve_is_named():
    with pytest.raises(FetchError, match="does not resolve"):
        fetch("http://no-such-host.invalid/feed", max_bytes=1000)

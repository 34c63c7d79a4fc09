"""Readers' security headers from the edge (decision 0035): what the edge sends is
what every reader response carries; with NEWSLINE_EDGE_HEADERS the app leaves it
out of readers' responses, stored pages included, and keeps the admin's and any
stricter policy of its own; behind the shipped nginx each comes exactly once."""

import urllib.request

import pytest
from django.core.management import CommandError, call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connections
from django.test.testcases import LiveServerThread, _StaticFilesHandler

from newsline.core import edge

from ..factories import make_story
from ..nginx import ShippedNginx, require
from .test_csp import _a_document

# Every header that states a security policy; the edge's are a subset.
SECURITY_HEADERS = {
    "content-security-policy",
    "content-security-policy-report-only",
    "permissions-policy",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
    "cross-origin-opener-policy",
    "cross-origin-embedder-policy",
    "cross-origin-resource-policy",
}


def _readers_responses(client):
    story = make_story(title="Harbour ferry")
    paths = [story.url, story.url, "/en/", "/en/newsline/", "/en/feeds/rss/", "/en/no-such/"]
    paths += ["/api/v2/stories/?language=en"]
    return [client.get(path) for path in paths]


def _security_headers(response) -> set[str]:
    return {name.lower() for name in response.headers} & SECURITY_HEADERS


@pytest.mark.usefixtures("page_cache")
def test_the_edge_sends_what_every_readers_response_carries(client):
    standard = edge.reader_headers()
    for response in _readers_responses(client):
        assert _security_headers(response) == {name.lower() for name, _ in standard}
        for name, value in standard:
            assert edge.is_same(name, response[name], value), (name, response[name])


@pytest.mark.usefixtures("page_cache")
def test_with_an_edge_readers_responses_leave_them_out(client, settings):
    settings.NEWSLINE_EDGE_HEADERS = True
    responses = _readers_responses(client)
    assert responses[1]["X-Cache"] == "HIT"  # a stored page, sent as stored
    for response in responses:
        assert _security_headers(response) == set(), response.request["PATH_INFO"]


@pytest.mark.usefixtures("page_cache")
def test_an_app_with_an_edge_and_one_without_share_a_cache_not_pages(client, settings):
    story = make_story(title="Shared cache")
    for edge_headers in (False, True, False, True):
        settings.NEWSLINE_EDGE_HEADERS = edge_headers
        response = client.get(story.url)
        assert bool(_security_headers(response)) is not edge_headers
    assert response["X-Cache"] == "HIT"


def test_with_an_edge_the_admin_keeps_its_own(client, settings):
    settings.NEWSLINE_EDGE_HEADERS = True
    response = client.get("/admin/login/")
    assert _security_headers(response) == {name.lower() for name, _ in edge.reader_headers()}
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


def test_with_an_edge_a_document_keeps_its_stricter_policy(client, settings, tmp_path):
    settings.NEWSLINE_EDGE_HEADERS = True
    response = client.get(_a_document(settings, tmp_path).url)
    assert response["Content-Security-Policy"] == "default-src 'none'"


def _nginx_lines(capsys) -> list[str]:
    call_command("edge_headers")
    return [line for line in capsys.readouterr().out.splitlines() if not line.startswith("#")]


def test_the_nginx_lines_are_the_readers_headers(capsys):
    expected = [f'add_header {name} "{value}" always;' for name, value in edge.reader_headers()]
    assert _nginx_lines(capsys) == expected


@pytest.mark.parametrize("policy", ["camera=($x)", 'camera=("a")', "camera=()\nX: 1"])
def test_a_value_nginx_would_read_otherwise_is_refused(settings, policy):
    settings.NEWSLINE_PERMISSIONS_POLICY = policy
    with pytest.raises(CommandError, match="Permissions-Policy"):
        call_command("edge_headers")


def _through(base: str, path: str) -> list[tuple[str, str]]:
    with urllib.request.urlopen(base + path, timeout=10) as response:  # noqa: S310 - loopback
        return [(name.lower(), value) for name, value in response.headers.items()]


@pytest.fixture
def app_thread(settings, request):
    """The app served from a thread of this process, on this test's database
    connection (as Django's LiveServerTestCase shares an in-memory SQLite), so
    it sees what the test made inside its transaction."""
    settings.NEWSLINE_EDGE_HEADERS = getattr(request, "param", True)
    settings.NEWSLINE_PAGE_CACHE = True
    connection = connections["default"]
    connection.inc_thread_sharing()
    # As Django's test client does: a request's end would otherwise close the
    # connection, which holds the test's transaction (PostgreSQL; SQLite's in-memory
    # database ignores the close).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    thread = LiveServerThread("127.0.0.1", _StaticFilesHandler, {"default": connection})
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        yield thread.port
    finally:
        thread.terminate()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        connection.dec_thread_sharing()


@pytest.fixture
def nginx_before_the_app(app_thread, tmp_path):
    require()
    with ShippedNginx(tmp_path / "nginx", data=tmp_path / "data", app_port=app_thread) as base:
        yield base


def test_behind_the_shipped_nginx_each_header_comes_once(nginx_before_the_app):
    story = make_story(title="Once only")
    for _ in range(2):  # stored by the app and nginx, then a hit of both
        sent = _through(nginx_before_the_app, story.url)
        for name, value in edge.reader_headers():
            values = [v for n, v in sent if n == name.lower()]
            assert values == [value], (name, values)
    admin = _through(nginx_before_the_app, "/admin/login/")
    policies = [value for name, value in admin if name == "content-security-policy"]
    assert len(policies) == 1 and "'unsafe-inline'" in policies[0]


@pytest.mark.parametrize("app_thread", [False], indirect=True)
def test_an_app_left_sending_them_still_gives_one_opener_policy(nginx_before_the_app):
    # Browsers read two Cross-Origin-Opener-Policy values as none; the others read
    # the same twice as once.
    sent = _through(nginx_before_the_app, make_story().url)
    assert [v for n, v in sent if n == "cross-origin-opener-policy"] == ["same-origin"]


def test_the_admin_is_where_its_prefix_says():
    from django.urls import reverse

    from newsline.core.addresses import ADMIN_PREFIX

    assert reverse("wagtailadmin_home") == ADMIN_PREFIX


def test_a_changed_setting_reaches_the_edges_lines(settings):
    assert ("Permissions-Policy", "camera=()") not in edge.reader_headers()  # worked out
    settings.NEWSLINE_PERMISSIONS_POLICY = "camera=()"
    assert ("Permissions-Policy", "camera=()") in edge.reader_headers()

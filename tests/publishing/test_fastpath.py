"""Page-cache hits answered by the WSGI wrapper before Django, by the same rules."""

import io
import sys

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from newsline.wsgi import application

from ..factories import make_story
from .conftest import without_nonces

pytestmark = pytest.mark.usefixtures("page_cache")


def call(path, method="GET", query="", **headers):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
    }
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(response_headers)

    # As Django's test client does: a server closes the database connection when a
    # request ends, which would close the test's own transaction here.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = application(environ, start_response)
        body = b"".join(result)
        getattr(result, "close", lambda: None)()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], body


def test_second_view_is_answered_before_django(monkeypatch):
    story = make_story(title="Fast path story")
    status, headers, first = call(story.url)
    assert headers["X-Cache"] == "MISS"
    monkeypatch.setattr(application, "application", None)  # Django is not called again
    status, headers, body = call(story.url)
    assert (status, headers["X-Cache"]) == ("200 OK", "HIT")
    assert without_nonces(body) == without_nonces(first)
    assert headers["Surrogate-Key"] and headers["ETag"] and headers["X-Accel-Expires"]
    assert call(story.url, method="HEAD")[2] == b""
    assert call(story.url, query="utm_source=news&fbclid=1")[1]["X-Cache"] == "HIT"


def test_unchanged_page_gets_a_304_from_the_fast_path():
    story = make_story()
    etag = call(story.url)[1]["ETag"]
    status, headers, body = call(story.url, if_none_match=etag)
    assert status == "304 Not Modified" and body == b""
    assert headers["X-Cache"] == "HIT"


def _live_session(**data) -> str:
    from django.contrib.sessions.backends.cached_db import SessionStore

    session = SessionStore()
    session.update(data or {"_auth_user_id": "1"})
    session.create()
    return session.session_key


def test_signed_in_readers_and_admin_go_to_django():
    story = make_story()
    call(story.url)
    _, headers, _ = call(story.url, cookie=f"sessionid={_live_session()}")
    assert "X-Cache" not in headers and "no-store" in headers["Cache-Control"]


@pytest.mark.parametrize(
    "headers",
    [
        {"cookie": "sessionid=forged0123456789abcdefghijklmnopq"},
        {"cookie": "sessionid="},
        {"authorization": "Basic Zm9vOmJhcg=="},
        {"authorization": "Bearer " + "x" * 200},
    ],
    ids=["forged session", "empty session", "basic auth", "bearer token"],
)
def test_a_forged_session_or_credentials_do_not_buy_a_render(headers):
    """Answered from the cache like any reader: a header must not cost a full render."""
    story = make_story()
    call(story.url)
    status, answered, _ = call(story.url, **headers)
    assert status == "200 OK" and answered["X-Cache"] == "HIT"


def test_an_expired_session_does_not_buy_a_render(settings):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    story = make_story()
    call(story.url)
    key = _live_session()
    Session.objects.filter(session_key=key).update(expire_date=timezone.now())
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.core.cache import caches

    caches[settings.SESSION_CACHE_ALIAS].delete(SessionStore(session_key=key).cache_key)
    assert call(story.url, cookie=f"sessionid={key}")[1]["X-Cache"] == "HIT"


def test_a_purge_reaches_the_fast_path():
    story = make_story(title="Before the correction")
    call("/en/")
    assert call("/en/")[1]["X-Cache"] == "HIT"
    story.title = "After the correction"
    story.save_revision().publish()
    _, headers, body = call("/en/")
    assert headers["X-Cache"] == "MISS" and b"After the correction" in body

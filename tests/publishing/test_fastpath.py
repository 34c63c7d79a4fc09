"""Page-cache hits answered by the WSGI wrapper before Django, by the same rules."""

import io
import sys

import pytest
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from newsline.core import filing, surrogate
from newsline.publishing import store
from newsline.wsgi import application

from ..factories import make_story

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


@pytest.mark.usefixtures("key_headers")
def test_second_view_is_answered_before_django(monkeypatch):
    story = make_story(title="Fast path story")
    status, headers, first = call(story.url)
    assert headers["X-Cache"] == "MISS"
    monkeypatch.setattr(application, "application", None)  # Django is not called again
    status, headers, body = call(story.url)
    assert (status, headers["X-Cache"]) == ("200 OK", "HIT")
    assert body == first
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


def _reads_of_the_shared_cache(monkeypatch) -> list[str]:
    from django.core.cache import caches

    reads = []
    cache = caches["default"]
    for name in ("get", "get_many"):
        original = getattr(cache, name)

        def counted(*args, _original=original, _name=name, **kwargs):
            reads.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(cache, name, counted)
    return reads


def test_a_hit_with_its_fragments_costs_one_cache_read(monkeypatch):
    make_story(title="One read")
    call("/en/")
    call("/en/")
    reads = _reads_of_the_shared_cache(monkeypatch)
    _, headers, body = call("/en/")
    assert headers["X-Cache"] == "HIT" and b"One read" in body
    assert len(reads) == 1


def test_a_purge_reaches_the_copy_this_process_keeps():
    story = make_story(title="Kept in memory")
    call(story.url)
    assert call(story.url)[1]["X-Cache"] == "HIT"
    # As another process would: only the shared cache changes.
    store.purge({surrogate.story(story.translation_key)})
    assert call(story.url)[1]["X-Cache"] == "MISS"
    assert call(story.url)[1]["X-Cache"] == "HIT"


def test_a_fragment_purge_reaches_pages_answered_from_copies():
    make_story(title="First on the line")
    call("/en/")
    assert call("/en/")[1]["X-Cache"] == "HIT"
    etag = call("/en/")[1]["ETag"]
    make_story(title="Second on the line")  # purges the News line, not home
    status, headers, body = call("/en/", if_none_match=etag)
    assert status == "200 OK" and b"Second on the line" in body
    assert headers["ETag"] != etag


def test_a_cleared_cache_is_not_answered_from_copies():
    story = make_story()
    call(story.url)
    assert call(story.url)[1]["X-Cache"] == "HIT"
    caches["default"].clear()  # as a restore does
    assert call(story.url)[1]["X-Cache"] == "MISS"


def test_copies_are_not_trusted_when_the_cache_cannot_be_read(monkeypatch):
    story = make_story()
    call(story.url)
    assert call(story.url)[1]["X-Cache"] == "HIT"

    def broken():
        raise TimeoutError("cache database is locked")

    monkeypatch.setattr(store, "_cache", broken)
    monkeypatch.setattr(filing, "_cache", broken)  # where the purge sequence is read
    status, headers, _ = call(story.url)
    assert status == "200 OK" and headers["X-Cache"] == "MISS"


def test_copies_are_bounded_by_count_and_bytes(settings):
    settings.NEWSLINE_PAGE_COPIES, settings.NEWSLINE_PAGE_COPIES_BYTES = 3, 4000
    recent = store.recent()
    for key in "abcd":
        recent.put(key, key, 100)
    assert [recent.get(key) for key in "abcd"] == [None, "b", "c", "d"]
    recent.get("b")  # used: c is now the least recently used
    recent.put("e", "e", 1000)
    assert [recent.get(key) for key in "bcde"] == ["b", None, "d", "e"]
    settings.NEWSLINE_PAGE_COPIES = 10
    for key in "fghi":
        recent.put(key, key, 1000)  # 4000 bytes at most: the oldest go for room
    assert [recent.get(key) for key in "bdefghi"] == [None, None, None, "f", "g", "h", "i"]
    recent.put("huge", "huge", 1001)  # over a quarter of the room: never kept
    assert recent.get("huge") is None and recent.get("i") == "i"

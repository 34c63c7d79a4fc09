"""Anonymous readers are served from the page cache; nobody else is, and
nothing personal or private is ever stored."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import PageViewRestriction

from newsline.core import filing, surrogate
from newsline.i18n import clock
from newsline.publishing import store
from newsline.publishing.middleware import PageCacheMiddleware

from ..factories import make_story, section
from .conftest import hit

pytestmark = pytest.mark.usefixtures("page_cache")


def test_second_anonymous_view_comes_from_the_cache(client):
    story = make_story()
    first = client.get(story.url)
    assert first["X-Cache"] == "MISS"
    second = client.get(story.url)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert client.head(story.url)["X-Cache"] == "HIT"


@pytest.mark.parametrize(
    "variant", ["?utm_source=x&utm_medium=y", "?fbclid=abc", "?gclid=1&msclkid=2", "?_ga=3"]
)
def test_tracking_parameters_share_the_page(client, variant):
    make_story()
    client.get("/en/")
    assert hit(client, f"/en/{variant}")


def test_meaningful_parameters_and_languages_are_separate_pages(client):
    make_story()
    make_story(parent=section("az"))
    client.get("/en/search/?q=one")
    assert not hit(client, "/en/search/?q=two")
    assert hit(client, "/en/search/?q=one&utm_campaign=z")
    client.get("/en/")
    assert not hit(client, "/az/")


@pytest.mark.usefixtures("key_headers")
def test_public_response_names_what_it_shows_for_shared_caches(client):
    story = make_story(topics=["budget"])
    response = client.get(story.url)
    control = response["Cache-Control"]
    for directive in ("public", "stale-while-revalidate=30", "stale-if-error"):
        assert directive in control
    # Kept no later than the outlet's midnight: the masthead shows the date.
    lifetime = int(re.search(r"s-maxage=(\d+)", control).group(1))
    assert min(600, clock.seconds_until_midnight()) - 5 <= lifetime <= 600
    keys = set(response["Surrogate-Key"].split())
    assert {surrogate.story(story.translation_key), surrogate.site("en"), "all"} <= keys
    assert set(response["Cache-Tag"].split(",")) == keys
    assert response["ETag"]


def test_without_a_cdn_no_key_header_is_sent_and_purges_still_reach_the_page(client):
    story = make_story(title="Before the change")
    response = client.get(story.url)
    assert response["X-Cache"] == "MISS" and "public" in response["Cache-Control"]
    assert "Surrogate-Key" not in response and "Cache-Tag" not in response
    assert hit(client, story.url)
    story.title = "After the change"
    story.save_revision().publish()
    changed = client.get(story.url)
    assert changed["X-Cache"] == "MISS" and b"After the change" in changed.content


def test_unchanged_page_answers_not_modified(client):
    story = make_story()
    etag = client.get(story.url)["ETag"]
    response = client.get(story.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


@pytest.mark.usefixtures("key_headers")
def test_signed_in_editor_is_never_served_or_stored(client, editor):
    story = make_story()
    client.force_login(editor)
    response = client.get(story.url)
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "Surrogate-Key" not in response
    client.logout()
    anonymous = client.get(story.url)
    assert anonymous["X-Cache"] == "MISS"  # the editor's view was not stored


def test_editor_is_not_served_what_readers_cached(client, editor):
    story = make_story()
    client.get(story.url)
    client.force_login(editor)
    assert "X-Cache" not in client.get(story.url)


@pytest.mark.usefixtures("key_headers")
def test_private_page_is_never_stored(client):
    story = make_story()
    PageViewRestriction.objects.create(page=story, restriction_type="password", password="x")
    for _ in range(2):
        response = client.get(story.url)
        assert "X-Cache" not in response
        assert "private" in response["Cache-Control"]
        assert "Surrogate-Key" not in response


def test_preview_is_never_stored(client, editor):
    story = make_story()
    client.force_login(editor)
    response = client.get(f"/admin/pages/{story.pk}/edit/preview/")
    assert "X-Cache" not in response
    assert "no-store" in response["Cache-Control"]


def test_not_found_and_untagged_responses_are_not_stored(client):
    for url in ["/en/no-such-page/", "/en/archive/1999/01/01/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert "X-Cache" not in response
        assert "public" not in response.get("Cache-Control", "")


def test_response_setting_a_cookie_is_not_stored(client):
    story = make_story()
    PageViewRestriction.objects.create(page=story, restriction_type="password", password="x")
    response = client.get(story.url)  # the password form sets a CSRF cookie
    assert response.cookies
    assert "X-Cache" not in client.get(story.url)


def test_page_cache_can_be_switched_off(client, settings):
    settings.NEWSLINE_PAGE_CACHE = False
    story = make_story()
    client.get(story.url)
    assert "X-Cache" not in client.get(story.url)


def test_an_unreadable_cache_means_a_fresh_render_not_an_error(client, monkeypatch):
    from newsline.publishing import store

    story = make_story()
    client.get(story.url)

    def broken():
        raise TimeoutError("cache database is locked")

    monkeypatch.setattr(store, "_cache", broken)
    response = client.get(story.url)
    assert response.status_code == 200 and response["X-Cache"] == "MISS"


def test_an_unknown_key_header_stops_the_app_at_start_naming_it(settings):
    settings.NEWSLINE_KEY_HEADERS = ("Cache-Tag", "X-Keys")
    with pytest.raises(ImproperlyConfigured, match="X-Keys"):
        PageCacheMiddleware(lambda request: None)


@pytest.fixture
def next_release(monkeypatch):
    """Call it to run the code of another release from then on."""
    yield lambda: monkeypatch.setattr(filing, "release_digest", lambda: "the-next-release")
    monkeypatch.undo()
    store._entry_key.cache_clear()  # keys worked out under the other release


def test_a_new_release_does_not_serve_pages_the_last_one_stored(client, page_cache, next_release):
    story = make_story(title="Before the upgrade")
    client.get(story.url)
    assert client.get(story.url)["X-Cache"] == "HIT"
    next_release()
    store._entry_key.cache_clear()
    assert client.get(story.url)["X-Cache"] == "MISS"
    assert client.get(story.url)["X-Cache"] == "HIT"
